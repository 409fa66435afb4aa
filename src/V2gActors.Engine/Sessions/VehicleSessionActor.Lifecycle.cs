using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using V2gActors.Engine.Fleets;

namespace V2gActors.Engine.Sessions;

/// <summary>The end of a session, the EV's own schedule, and snapshots.</summary>
public sealed partial class VehicleSessionActor
{
    public const int DefaultSnapshotEvery = 100;

    private readonly int _snapshotEvery;

    private string? RefuseIfEnded() =>
        _state.EndedAt is { } ended ? $"session {_sessionId} ended at {ended:O} ({_state.EndReason})" : null;

    private void OnEnd(EndVehicleSession end)
    {
        if (_state.EndedAt is not null || _state.Bounds is not { } bounds) return;
        // Durable first, then the fleet is told: a crash in between re-sends nothing, but the fleet entity then still
        // lists a member that is gone; it is frozen there once its meter values stop (stale telemetry).
        Persist(new VehicleSessionEnded(end.Reason, DateTimeOffset.UtcNow), e =>
        {
            _state = _state.Apply(e);
            _fleets.Tell(new LeaveFleet(bounds.FleetId, _sessionId), Self);
            SnapshotNow();
        });
    }

    private void OnEvSchedule(RecordEvChargingSchedule record)
    {
        if ((_state.Bounds is null ? $"session {_sessionId} is not registered" : RefuseIfEnded()) is { } reason)
        {
            Sender.Tell(new VehicleSessionRejected(_sessionId, reason));
            return;
        }
        var replyTo = Sender;
        Persist(new VehicleSessionEvScheduleRecorded(record.TimeBase, record.ScheduleJson, DateTimeOffset.UtcNow), e =>
        {
            _state = _state.Apply(e);
            replyTo.Tell(new EvChargingScheduleRecorded(_sessionId, LastSequenceNr));
            SnapshotNow();
        });
    }

    /// <summary>Every <see cref="_snapshotEvery"/> events; called from persist handlers, so the state matches the sequence number.</summary>
    private void SnapshotNow()
    {
        if (LastSequenceNr % _snapshotEvery == 0) SaveSnapshot(_state);
    }

    private void HandleSnapshotReplies()
    {
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("{0}: snapshot failed: {1}", _sessionId, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("{0}: deleting old snapshots failed: {1}", _sessionId, f.Cause.Message));
    }
}
