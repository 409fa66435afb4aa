using V2gActors.Engine.Chargers;

namespace V2gActors.LoadTest.Targets;

/// <summary>The CSMS a scenario drives: a node started in this process, or a separate node given by URL.</summary>
public interface ICsmsTarget : IAsyncDisposable
{
    /// <summary><c>ws://host:port/ocpp</c>; chargers append their station id.</summary>
    Uri OcppUri { get; }

    /// <summary>Security profile 1 password every simulated station presents.</summary>
    string Password { get; }

    /// <summary>Human-readable: "in-process node, SQLite /tmp/..." or the URL.</summary>
    string Description { get; }

    /// <summary>Process whose resident memory the soak scenario reports (this process for an in-process node).</summary>
    int? NodeProcessId { get; }

    /// <summary>The entity's durable state, for "nothing acknowledged was lost" checks; null when the target cannot be
    /// asked (a separate process: verify there with the operator CLI instead).</summary>
    Task<ChargerStateView?> TryGetStateAsync(string stationId, CancellationToken cancellationToken = default);

    /// <summary>The node's services (actor registry, frequency feed) when it runs in this process; null otherwise.
    /// The dispatch scenarios need them to enrol sessions in a fleet and to find the feed's port.</summary>
    IServiceProvider? Services => null;
}
