using Akka.Configuration;
using V2gActors.Engine.Tests.Support;

namespace V2gActors.Engine.Tests.Dispatch;

internal static class DispatchTestConfig
{
    /// <summary>In-memory journal and snapshots, every message and event through <c>V2gSerializer</c> (as between nodes).</summary>
    public static Config Config => EngineTestConfig.InMemory;
}
