using System.Collections.Immutable;
using Akka.Actor;
using V2gActors.Domain.Grid;

namespace V2gActors.Engine.Grid;

// GridIngress is one actor per node, fed by local adapters (2030.5 client, OCPP SetDERControl, a frequency meter), so
// its inputs never cross nodes and need no serializer; what it sends on (DispatchFleetTarget) does.

/// <summary>
/// Which fleets answer the grid, and the rated power one per-unit of droop stands for (usually the fleet's rated
/// discharge + charge capability).
/// </summary>
public sealed record AssignFleetToGrid(string FleetId, double ReferencePowerW) : INoSerializationVerificationNeeded;

/// <summary>A protocol-neutral grid control (from the Domain) addressed to some fleets.</summary>
public sealed record GridControlReceived(ImmutableArray<string> FleetIds, GridControl Control) : INoSerializationVerificationNeeded;

/// <summary>
/// One reading of the frequency feed. <paramref name="MeasuredAt"/> is informational; latency is measured from ingress:
/// <paramref name="ReceivedAt"/> when the feed's socket read it, else when GridIngress handles it.
/// </summary>
public sealed record FrequencyMeasured(double Hz, DateTimeOffset? MeasuredAt = null, DateTimeOffset? ReceivedAt = null)
    : INoSerializationVerificationNeeded;

/// <summary>Asks for a <see cref="GridIngressView"/>.</summary>
public sealed record GetGridIngressState : INoSerializationVerificationNeeded
{
    public static GetGridIngressState Instance { get; } = new();
}

public sealed record GridIngressView(double? LastFrequencyHz, ImmutableArray<FleetGridView> Fleets) : INoSerializationVerificationNeeded;

public sealed record FleetGridView(string FleetId, double ReferencePowerW, double? LastSentTargetW, int Controls);

/// <summary>Re-evaluates targets when a control window opens or closes.</summary>
internal sealed record ReevaluateWindows : INoSerializationVerificationNeeded
{
    public static ReevaluateWindows Instance { get; } = new();
}

/// <summary>Where GridIngress sends fleet targets (the fleet shard region in a node, a probe in tests).</summary>
public sealed record GridIngressSettings(IActorRef Fleets, double MinimumChangeW = 1.0);
