using System.Collections.Frozen;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;

namespace V2gActors.Engine.Serialization;

/// <summary>
/// The stable wire name of each serializable type. A manifest is a contract with every journal ever written:
/// never rename or reuse one; a changed shape gets a new ".v2" manifest and the old one keeps reading.
/// </summary>
public static class V2gManifests
{
    public static IReadOnlyDictionary<Type, string> ByType { get; } = new Dictionary<Type, string>
    {
        // events: "chg." = charger entity
        [typeof(ChargerBooted)] = "chg.booted.v1",
        [typeof(ConnectorStatusChanged)] = "chg.connector.v1",
        [typeof(TransactionEventRecorded)] = "chg.tx.v1",
        [typeof(MeterValuesRecorded)] = "chg.meter.v1",
        [typeof(ChargerEventsNotified)] = "chg.events.v1",
        [typeof(SecurityEventReceived)] = "chg.security.v1",
        [typeof(DeviceModelPartReceived)] = "chg.dm-part.v1",
        [typeof(DeviceModelReported)] = "chg.dm.v1",
        [typeof(ChargerState)] = "chg.state.v1",
        // entity protocol
        [typeof(ChargerConnected)] = "chg.connected.v1",
        [typeof(ChargerDisconnected)] = "chg.disconnected.v1",
        [typeof(OcppCallReceived)] = "chg.call.v1",
        [typeof(SendChargerCommand)] = "chg.cmd.v1",
        [typeof(ChargerCommandCompleted)] = "chg.cmd-done.v1",
        [typeof(GetChargerState)] = "chg.get.v1",
        [typeof(ChargerStateView)] = "chg.view.v1",
        [typeof(StopCharger)] = "chg.stop.v1",
        // "conn." = connection actor
        [typeof(SendCallResult)] = "conn.result.v1",
        [typeof(SendCallError)] = "conn.error.v1",
        [typeof(SendCallToCharger)] = "conn.call.v1",
    }.ToFrozenDictionary();

    public static IReadOnlyDictionary<string, Type> ByManifest { get; } =
        ByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);
}
