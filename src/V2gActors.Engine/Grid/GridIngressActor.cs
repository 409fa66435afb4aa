using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using V2gActors.Engine.Fleets;

namespace V2gActors.Engine.Grid;

/// <summary>
/// The grid's entry into the engine (one per node for now): keeps each fleet's <see cref="FleetGridStance"/>, and on
/// every control or frequency reading re-computes the fleets' targets and fans out a <see cref="DispatchFleetTarget"/>
/// to each fleet whose target moved by more than <see cref="GridIngressSettings.MinimumChangeW"/>. It holds no journal:
/// its job is the millisecond path from a grid signal to the fleets, stamped with the ingress time.
/// </summary>
public sealed class GridIngressActor : ReceiveActor, IWithTimers
{
    private const string WindowTimer = "windows";

    private readonly GridIngressSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, FleetGridStance> _fleets = new(StringComparer.Ordinal);
    private double? _frequencyHz;

    public GridIngressActor(GridIngressSettings settings, TimeProvider? clock = null)
    {
        _settings = settings;
        _clock = clock ?? TimeProvider.System;

        Receive<AssignFleetToGrid>(assign =>
        {
            _fleets[assign.FleetId] = StanceOf(assign.FleetId) with { ReferencePowerW = assign.ReferencePowerW };
        });
        Receive<GridControlReceived>(OnControl);
        Receive<FrequencyMeasured>(OnFrequency);
        Receive<ReevaluateWindows>(_ => Evaluate(_fleets.Keys.ToList(), _clock.GetUtcNow(), "window"));
        Receive<GetGridIngressState>(_ => Sender.Tell(new GridIngressView(_frequencyHz,
            [.. _fleets.Values.OrderBy(f => f.FleetId, StringComparer.Ordinal)
                .Select(f => new FleetGridView(f.FleetId, f.ReferencePowerW, f.LastSentTargetW, f.Controls.Count))])));
        Receive<FleetTargetDispatched>(_ => { });
        Receive<FleetTargetRefused>(r => _log.Warning("fleet {0} refused the grid target: {1}", r.FleetId, r.Reason));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(GridIngressSettings settings, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new GridIngressActor(settings, clock));

    private FleetGridStance StanceOf(string fleetId) =>
        _fleets.TryGetValue(fleetId, out var stance) ? stance : FleetGridStance.For(fleetId);

    private void OnControl(GridControlReceived received)
    {
        foreach (var fleetId in received.FleetIds) _fleets[fleetId] = StanceOf(fleetId).With(received.Control);
        // Volt-var / volt-watt are the chargers' own local responses: VoltageCurveActor hands them on.
        if (VoltageCurveFrames.IsVoltageCurve(received.Control)) Context.System.EventStream.Publish(received);
        Evaluate(received.FleetIds, _clock.GetUtcNow(), $"grid:{received.Control.ControlId}");
    }

    private void OnFrequency(FrequencyMeasured measured)
    {
        var ingressAt = measured.ReceivedAt ?? _clock.GetUtcNow();
        _frequencyHz = measured.Hz;
        Evaluate(_fleets.Keys.ToList(), ingressAt, "frequency");
    }

    private void Evaluate(IReadOnlyCollection<string> fleetIds, DateTimeOffset ingressAt, string source)
    {
        foreach (var fleetId in fleetIds)
        {
            var stance = StanceOf(fleetId).Expire(ingressAt);
            var target = stance.TargetAt(ingressAt, _frequencyHz);
            if (target is { } watts && (stance.LastSentTargetW is not { } last || Math.Abs(watts - last) >= _settings.MinimumChangeW))
            {
                _settings.Fleets.Tell(new DispatchFleetTarget(fleetId, watts, stance.RemainingAt(ingressAt), source, ingressAt));
                stance = stance with { LastSentTargetW = watts };
            }
            _fleets[fleetId] = stance;
        }
        ScheduleNextWindowChange(ingressAt);
    }

    private void ScheduleNextWindowChange(DateTimeOffset now)
    {
        var next = _fleets.Values.Select(f => f.NextChangeAfter(now)).OfType<DateTimeOffset>().Order().Cast<DateTimeOffset?>().FirstOrDefault();
        // Far-off windows are re-checked hourly rather than scheduled days ahead.
        if (next is { } at) Timers.StartSingleTimer(WindowTimer, ReevaluateWindows.Instance, TimeSpan.FromTicks(Math.Min((at - now).Ticks, TimeSpan.TicksPerHour)));
        else Timers.Cancel(WindowTimer);
    }
}
