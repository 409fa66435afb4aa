// Protocol-neutral domain: units, ids, grid model, allocation, arbitration. Depends on nothing.

// The allocator's curve arithmetic is internal (not API) but worth testing on its own.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("V2gActors.Domain.Tests")]
