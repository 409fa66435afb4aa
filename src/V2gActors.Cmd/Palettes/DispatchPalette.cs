using Akka.Actor;
using Akka.Hosting;
using V2gActors.Cmd.Fleets;
using V2gActors.Cmd.Protocol;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Metrics;

namespace V2gActors.Cmd.Palettes;

/// <summary>The dispatch path: a fleet's dispatch log with its per-stage timestamps, and this node's latency histograms.</summary>
public sealed class DispatchPalette(ActorRegistry registry, FleetQueries fleets) : ICommandPalette
{
    public PaletteInfo Info { get; } = new("dispatch", "dispatch log and latency (grid ingress → fleet → charger → ack)",
    [
        new("history", "a fleet's latest dispatches, each stage in ms after ingress, and every frame's answer", false,
        [
            new("fleet-id", "the fleet id", Positional: true, Required: true),
            new("count", "how many of the latest dispatches", ShortName: "n", Default: "10"),
        ]),
        new("latency", "per-stage latency percentiles measured on this node (from the dispatch latency recorder)", false, []),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "history" => HistoryAsync(context),
        "latency" => LatencyAsync(context),
        _ => Task.FromResult(CommandResult.Usage($"dispatch has no command {command}.")),
    };

    private async Task<CommandResult> HistoryAsync(CommandContext context)
    {
        var fleetId = context.Arguments.Required("fleet-id");
        var count = context.Arguments.Int("count") ?? 10;
        if (count < 1) return CommandResult.Usage("--count must be at least 1.");
        if (await fleets.FindAsync(fleetId, context.CancellationToken).ConfigureAwait(false) is not { } view)
            return CommandResult.Failed(FleetQueries.Unknown(fleetId));

        // Oldest first, as the log keeps them; stages are milliseconds after the grid signal entered (IngressAt).
        var dispatches = view.RecentDispatches.TakeLast(count).ToList();
        await context.Output.TableAsync($"dispatches of {fleetId}",
            ["dispatch", "source", "target-w", "allocated-w", "rounds", "ingress-at", "fleet-ms", "allocated-ms", "frames", "answered",
                "accepted", "last-ack-ms"],
            dispatches.Select(d => (IReadOnlyList<string>)
            [
                d.DispatchId,
                d.Source,
                V2gCells.Watts(d.TargetW),
                V2gCells.Watts(d.AllocatedW),
                d.Rounds.ToString(),
                V2gCells.Instant(d.IngressAt),
                V2gCells.Millis(d.IngressAt, d.ReceivedAt),
                V2gCells.Millis(d.IngressAt, d.AllocatedAt),
                d.Frames.Length.ToString(),
                d.Frames.Count(f => f.AckedAt is not null).ToString(),
                d.Frames.Count(f => f.Accepted == true).ToString(),
                V2gCells.Millis(d.IngressAt, d.Frames.Max(f => f.AckedAt)),
            ])).ConfigureAwait(false);
        await context.Output.TableAsync("frames",
            ["dispatch", "round", "session", "station", "evse", "action", "setpoint-w", "sent-ms", "acked-ms", "accepted", "outcome", "detail"],
            dispatches.SelectMany(d => d.Frames.Select(f => (IReadOnlyList<string>)
            [
                d.DispatchId,
                f.Round.ToString(),
                f.SessionId,
                f.StationId,
                f.EvseId.ToString(),
                f.Action,
                V2gCells.Watts(f.SetpointW),
                V2gCells.Millis(d.IngressAt, f.SentAt),
                V2gCells.Millis(d.IngressAt, f.AckedAt),
                CommandOutputExtensions.Cell(f.Accepted),
                f.Outcome ?? "",
                f.Detail ?? "",
            ]))).ConfigureAwait(false);
        return CommandResult.Ok($"{dispatches.Count} of {view.RecentDispatches.Length} kept dispatch(es) shown");
    }

    private async Task<CommandResult> LatencyAsync(CommandContext context)
    {
        if (!registry.TryGet<DispatchLatencyRecorder>(out var recorder))
            return CommandResult.Unavailable(
                "No dispatch latency recorder runs on this node (nothing is registered under DispatchLatencyRecorder).");
        var report = await recorder.Ask<DispatchLatencyReport>(GetDispatchLatency.Instance, TimeSpan.FromSeconds(10), context.CancellationToken)
            .ConfigureAwait(false);
        await context.Output.TableAsync($"dispatch latency since {V2gCells.Instant(report.Since)}",
            ["stage", "count", "p50-ms", "p90-ms", "p99-ms", "p99.9-ms", "max-ms"],
            report.Stages.Select(s => (IReadOnlyList<string>)
            [
                s.Stage, s.Count.ToString(), V2gCells.Millis(s.P50Ms), V2gCells.Millis(s.P90Ms), V2gCells.Millis(s.P99Ms),
                V2gCells.Millis(s.P999Ms), V2gCells.Millis(s.MaxMs),
            ])).ConfigureAwait(false);
        return CommandResult.Ok($"{report.Stages.Count} stage(s), {report.Stages.Sum(s => s.Count)} sample(s) on this node");
    }
}
