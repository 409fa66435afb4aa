using Akka.Actor;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Stations;

/// <summary>Where a charger CALL about the EV goes: its EVSE and the transaction open there (if any).</summary>
public sealed record DispatchRoute(int EvseId, string? TransactionId);

/// <summary>
/// NotifyEVChargingNeeds and NotifyEVChargingSchedule are about the vehicle, not the charger: the charger entity hands
/// them (validated) to the station's dispatch entity, which answers the charger once the vehicle session has them.
/// </summary>
public static class StationCallRouting
{
    /// <summary>The charger entity's decision for such a call. Pure.</summary>
    public static ChargerCallDecision Route(ChargerState state, object request)
    {
        var evseId = request switch
        {
            NotifyEVChargingNeedsRequest needs => needs.EvseId,
            NotifyEVChargingScheduleRequest schedule => schedule.EvseId,
            _ => throw new ArgumentException($"{request.GetType().Name} is not routed to dispatch.", nameof(request)),
        };
        var transaction = state.OpenTransactions.Values.Where(t => t.EvseId == evseId).MaxBy(t => t.StartedAt);
        return new ChargerCallDecision(null, null, []) { Dispatch = new DispatchRoute(evseId, transaction?.TransactionId) };
    }

    /// <summary>Hands the call to the station-dispatch region; without one (an engine without dispatch) it is NotSupported.</summary>
    public static void Forward(IActorRef? stations, string stationId, OcppCallReceived call, DispatchRoute route)
    {
        if (stations is null)
        {
            call.Connection.Tell(new SendCallError(call.MessageId, OcppErrorCode.NotSupported, $"{call.Action} is not supported by this CSMS."));
            return;
        }
        stations.Tell(new StationCallForwarded(stationId, call.Version, call.MessageId, call.Action, call.Payload, route.EvseId,
            route.TransactionId, call.Connection));
    }
}
