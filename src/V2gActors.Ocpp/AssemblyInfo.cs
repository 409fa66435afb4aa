// Ocpp module
using System.Runtime.CompilerServices;

// The transport's internals (the inbound rate gate) are unit-tested with a manual clock.
[assembly: InternalsVisibleTo("V2gActors.Ocpp.Tests")]
