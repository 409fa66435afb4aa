using Akka.Actor;
using V2gActors.Engine.Fleets;

namespace V2gActors.Engine.Metrics;

// Local notices on the node's EventStream, one per stage boundary of a dispatch. The actors on the path publish them
// with one line each and never wait; the node's DispatchLatencyRecorderActor matches them up. Local only: each node
// reports what passed through it (a frame whose fleet, charger entity and socket live on different nodes is measured
// in part on each).

/// <summary>A fleet sent the frames of a dispatch (its record carries ingress, fleet receive, allocation and send times).</summary>
public sealed record DispatchFramesSent(DispatchRecord Dispatch) : INoSerializationVerificationNeeded;

/// <summary>A charger entity validated a command and handed it to the station's connection actor.</summary>
public sealed record ChargerCommandForwarded(string StationId, string Action, DateTimeOffset At) : INoSerializationVerificationNeeded;

/// <summary>A connection actor wrote a CSMS→charger CALL to its socket's send queue.</summary>
public sealed record OutboundFrameWritten(string StationId, string Action, DateTimeOffset At) : INoSerializationVerificationNeeded;

/// <summary>The one-line publishers the actors on the dispatch path call.</summary>
public static class DispatchLatencyStamps
{
    public static void DispatchSent(ActorSystem system, DispatchRecord dispatch) =>
        system.EventStream.Publish(new DispatchFramesSent(dispatch));

    public static void CommandForwarded(ActorSystem system, string stationId, string action, DateTimeOffset at)
    {
        if (IsSetpointAction(action)) system.EventStream.Publish(new ChargerCommandForwarded(stationId, action, at));
    }

    public static void FrameWritten(ActorSystem system, string stationId, string action, DateTimeOffset at)
    {
        if (IsSetpointAction(action)) system.EventStream.Publish(new OutboundFrameWritten(stationId, action, at));
    }

    /// <summary>Only the actions that carry fleet setpoints are timed; other commands cost nothing here.</summary>
    public static bool IsSetpointAction(string action) =>
        action is SetpointFrames.SetChargingProfile or SetpointFrames.UpdateDynamicSchedule;
}
