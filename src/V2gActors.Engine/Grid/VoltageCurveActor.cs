using Akka.Actor;
using Akka.Event;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;

namespace V2gActors.Engine.Grid;

/// <summary>
/// Hands volt-var / volt-watt controls to the chargers (one per node): GridIngress publishes each such control it
/// receives; this actor reads the addressed fleets' members and sends every distinct station the same
/// <see cref="VoltageCurveFrames"/> SetDERControl (a DER control applies to the whole station). Outcomes are logged
/// and counted; GridIngress keeps the control either way.
/// </summary>
public sealed class VoltageCurveActor : ReceiveActor
{
    private sealed record Members(FleetStateView Fleet, string ControlId, string Payload) : INoSerializationVerificationNeeded;

    private sealed record Answered(string StationId, string ControlId, ChargerCommandCompleted? Done, string? Failure)
        : INoSerializationVerificationNeeded;

    public sealed record GetVoltageCurveState : INoSerializationVerificationNeeded
    {
        public static GetVoltageCurveState Instance { get; } = new();
    }

    public sealed record VoltageCurveView(long Sent, long Accepted, long Refused) : INoSerializationVerificationNeeded;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(45);
    private readonly IActorRef _fleets;
    private readonly IActorRef _chargers;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _sent, _accepted, _refused;

    public VoltageCurveActor(IActorRef fleets, IActorRef chargers)
    {
        _fleets = fleets;
        _chargers = chargers;
        Receive<GridControlReceived>(OnControl);
        Receive<Members>(OnMembers);
        Receive<Answered>(OnAnswered);
        Receive<Status.Failure>(f => _log.Warning("voltage curves: could not read a fleet: {0}", f.Cause.Message));
        Receive<GetVoltageCurveState>(_ => Sender.Tell(new VoltageCurveView(_sent, _accepted, _refused)));
    }

    public static Props Props(IActorRef fleets, IActorRef chargers) => Akka.Actor.Props.Create(() => new VoltageCurveActor(fleets, chargers));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(GridControlReceived));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnControl(GridControlReceived received)
    {
        if (!VoltageCurveFrames.IsVoltageCurve(received.Control)) return;
        if (VoltageCurveFrames.For(received.Control, out var refusal) is not { } payload)
        {
            _log.Warning("voltage curves: not sent: {0}", refusal);
            return;
        }
        foreach (var fleetId in received.FleetIds)
            _fleets.Ask<FleetStateView>(new GetFleetState(fleetId), AskTimeout)
                .PipeTo(Self, success: view => new Members(view, received.Control.ControlId, payload));
    }

    private void OnMembers(Members members)
    {
        foreach (var station in members.Fleet.Members.Select(m => m.Bounds.StationId).Distinct(StringComparer.Ordinal))
        {
            _sent++;
            _chargers.Ask<ChargerCommandCompleted>(new SendChargerCommand(station, VoltageCurveFrames.SetDERControl, members.Payload), AskTimeout)
                .PipeTo(Self,
                    success: done => new Answered(station, members.ControlId, done, null),
                    failure: ex => new Answered(station, members.ControlId, null, ex.Message));
        }
    }

    private void OnAnswered(Answered answer)
    {
        var accepted = answer.Done is { Succeeded: true, ResultJson: { } json } && json.Contains("\"Accepted\"", StringComparison.Ordinal);
        if (accepted)
        {
            _accepted++;
            return;
        }
        _refused++;
        _log.Warning("voltage curves: {0} did not accept {1}: {2}", answer.StationId, answer.ControlId,
            answer.Failure ?? answer.Done?.ErrorDescription ?? answer.Done?.ResultJson ?? answer.Done?.Outcome.ToString());
    }
}
