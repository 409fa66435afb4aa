using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Hosting;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Engine.Connections;

/// <summary>
/// The WebSocket transport's entry into the actor world: one <see cref="ChargerConnectionActor"/> per socket, frames
/// handed to it in arrival order (Tell preserves order per sender/receiver pair).
/// </summary>
public sealed class ChargerConnectionHandler : IOcppConnectionHandler
{
    private readonly Func<CancellationToken, Task<IActorRef>> _supervisor;
    private readonly ConcurrentDictionary<string, IActorRef> _actors = new(StringComparer.Ordinal);
    private readonly TimeSpan _openTimeout;

    /// <summary>For DI: the supervisor is looked up in the Akka.Hosting registry once the actor system has started.</summary>
    public ChargerConnectionHandler(IReadOnlyActorRegistry registry)
        : this(ct => registry.GetAsync<ConnectionsSupervisor>(ct), TimeSpan.FromSeconds(10))
    {
    }

    public ChargerConnectionHandler(IActorRef supervisor, TimeSpan? openTimeout = null)
        : this(_ => Task.FromResult(supervisor), openTimeout ?? TimeSpan.FromSeconds(10))
    {
    }

    private ChargerConnectionHandler(Func<CancellationToken, Task<IActorRef>> supervisor, TimeSpan openTimeout)
    {
        _supervisor = supervisor;
        _openTimeout = openTimeout;
    }

    /// <summary>Open connections on this node.</summary>
    public int Count => _actors.Count;

    public async ValueTask OnOpenedAsync(IOcppConnection connection)
    {
        using var timeout = new CancellationTokenSource(_openTimeout);
        var supervisor = await _supervisor(timeout.Token).ConfigureAwait(false);
        var actor = await supervisor.Ask<IActorRef>(new OpenConnection(connection), _openTimeout).ConfigureAwait(false);
        _actors[connection.ConnectionId] = actor;
    }

    public ValueTask OnFrameAsync(IOcppConnection connection, OcppFrame frame)
    {
        if (_actors.TryGetValue(connection.ConnectionId, out var actor)) actor.Tell(new InboundFrame(frame));
        return ValueTask.CompletedTask;
    }

    public ValueTask OnClosedAsync(IOcppConnection connection, string reason)
    {
        if (_actors.TryRemove(connection.ConnectionId, out var actor)) actor.Tell(new ConnectionClosed(reason));
        return ValueTask.CompletedTask;
    }
}
