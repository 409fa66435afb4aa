using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using V2gActors.Domain.Grid;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;

namespace V2gActors.Engine.Grid;

/// <summary>
/// Keeps armed fleets' chargers pre-positioned (one per node): on <see cref="ArmLocalFrequency"/> it reads the fleet's
/// members and sends each charger its LocalFrequency curve (<see cref="LocalFrequencyPlanner"/>); whenever the fleet
/// publishes <see cref="FleetMembershipChanged"/> (a vehicle came or went) it re-plans and sends only the curves that
/// moved. A curve counts as installed once the charger accepted it.
/// </summary>
public sealed class LocalFrequencyActor : ReceiveActor
{
    private sealed record Armed(FrequencyDroop Droop, double ReferencePowerW)
    {
        public ImmutableArray<FleetMember> Members { get; set; } = [];
        public Dictionary<string, ImmutableArray<CurvePoint>> Installed { get; } = new(StringComparer.Ordinal);
    }

    private sealed record CurveAnswered(string FleetId, string SessionId, ImmutableArray<CurvePoint> Curve, bool Accepted, string Detail)
        : INoSerializationVerificationNeeded;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(45);
    private readonly IActorRef _fleets;
    private readonly IActorRef _chargers;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Armed> _armed = new(StringComparer.Ordinal);

    public LocalFrequencyActor(IActorRef fleets, IActorRef chargers, TimeProvider? clock = null)
    {
        _fleets = fleets;
        _chargers = chargers;
        _clock = clock ?? TimeProvider.System;
        Receive<ArmLocalFrequency>(arm =>
        {
            _armed[arm.FleetId] = new Armed(arm.Droop, arm.ReferencePowerW);
            ReadMembers(arm.FleetId);
        });
        Receive<DisarmLocalFrequency>(d => _armed.Remove(d.FleetId));
        Receive<FleetStateView>(view => Refresh(view.FleetId,
            [.. view.Members.Select(m => new FleetMember(m.Bounds, m.HeldSetpointW, m.CommandedSetpointW, m.ProfileInstalled))]));
        Receive<FleetMembershipChanged>(changed =>
        {
            if (_armed.ContainsKey(changed.FleetId)) ReadMembers(changed.FleetId);
        });
        Receive<CurveAnswered>(OnAnswered);
        Receive<Status.Failure>(f => _log.Warning("local frequency: could not read a fleet: {0}", f.Cause.Message));
        Receive<GetLocalFrequencyState>(_ => Sender.Tell(new LocalFrequencyView(
            _armed.ToImmutableDictionary(a => a.Key, a => a.Value.Installed.Count, StringComparer.Ordinal))));
    }

    public static Props Props(IActorRef fleets, IActorRef chargers, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new LocalFrequencyActor(fleets, chargers, clock));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(FleetMembershipChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void ReadMembers(string fleetId) => _fleets.Ask<FleetStateView>(new GetFleetState(fleetId), AskTimeout).PipeTo(Self);

    private void Refresh(string fleetId, ImmutableArray<FleetMember> members)
    {
        if (!_armed.TryGetValue(fleetId, out var armed)) return;
        armed.Members = members;
        var (frames, shares) = LocalFrequencyPlanner.Refresh(members, armed.Droop, armed.ReferencePowerW, armed.Installed, _clock.GetUtcNow());
        // Members that left hold no curve of ours any more.
        foreach (var gone in armed.Installed.Keys.Where(s => !shares.Any(x => x.SessionId == s)).ToList()) armed.Installed.Remove(gone);
        var curves = shares.ToDictionary(s => s.SessionId, s => s.Curve, StringComparer.Ordinal);
        foreach (var f in frames)
        {
            var curve = curves[f.SessionId];
            _chargers.Ask<ChargerCommandCompleted>(f.Command, AskTimeout)
                .PipeTo(Self,
                    success: done => new CurveAnswered(fleetId, f.SessionId, curve,
                        done.Succeeded && SetpointFrames.IsAccepted(f.Action, done.ResultJson), done.ErrorDescription ?? done.ResultJson ?? ""),
                    failure: ex => new CurveAnswered(fleetId, f.SessionId, curve, false, ex.Message));
        }
    }

    private void OnAnswered(CurveAnswered answer)
    {
        if (!_armed.TryGetValue(answer.FleetId, out var armed) || !armed.Members.Any(m => m.Bounds.SessionId == answer.SessionId)) return;
        if (answer.Accepted) armed.Installed[answer.SessionId] = answer.Curve;
        else
        {
            armed.Installed.Remove(answer.SessionId);
            _log.Warning("local frequency: {0} refused its curve: {1}", answer.SessionId, answer.Detail);
        }
    }
}
