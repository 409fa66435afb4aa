using Akka.Actor;

namespace V2gActors.Engine.Sessions;

/// <summary>
/// The actors a <see cref="VehicleSessionActor"/> pushes its held setpoint to. Kept in memory only: a watcher is a live
/// connection on some node, meaningless after a restart, and it re-registers itself periodically. Watchers that stop
/// are dropped through DeathWatch.
/// </summary>
public sealed class SetpointWatchers
{
    private readonly HashSet<IActorRef> _watchers = [];

    public int Count => _watchers.Count;

    /// <summary>The last setpoint pushed: ahead of the entity's state, which waits for the journal (PersistAsync).</summary>
    public SessionSetpointChanged? Latest { get; private set; }

    /// <summary>Adds <paramref name="watcher"/> (once) and sends it <paramref name="current"/> at once.</summary>
    public void Add(IActorRef watcher, SessionSetpointChanged current, IActorContext context)
    {
        if (watcher.IsNobody()) return;
        if (_watchers.Add(watcher)) context.Watch(watcher);
        watcher.Tell(current, context.Self);
    }

    public void Remove(IActorRef watcher, IActorContext context)
    {
        if (_watchers.Remove(watcher)) context.Unwatch(watcher);
    }

    public void Push(SessionSetpointChanged changed, IActorRef self)
    {
        Latest = changed;
        foreach (var watcher in _watchers) watcher.Tell(changed, self);
    }
}
