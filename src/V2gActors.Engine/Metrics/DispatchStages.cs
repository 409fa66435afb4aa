namespace V2gActors.Engine.Metrics;

/// <summary>The stage names of a <see cref="DispatchLatencyReport"/> (also the <c>stage</c> label in /metrics).</summary>
public static class DispatchStages
{
    /// <summary>Grid signal read (feed socket, GridIngress) → fleet entity received the target. One per dispatch.</summary>
    public const string IngressToFleet = "ingress_to_fleet";

    /// <summary>Fleet received the target → allocation done and frames planned. One per dispatch.</summary>
    public const string FleetAllocation = "fleet_allocation";

    /// <summary>Fleet sent a frame → the charger entity validated it and handed it to the connection. One per frame.</summary>
    public const string FleetToCharger = "fleet_to_charger";

    /// <summary>Charger entity → the connection actor wrote the frame to the socket. One per frame.</summary>
    public const string ChargerToFrameWritten = "charger_to_frame_written";

    /// <summary>End to end on this node: grid signal read → frame written to the charger's socket. One per frame.</summary>
    public const string IngressToFrameWritten = "ingress_to_frame_written";

    public static IReadOnlyList<string> All { get; } =
        [IngressToFleet, FleetAllocation, FleetToCharger, ChargerToFrameWritten, IngressToFrameWritten];
}
