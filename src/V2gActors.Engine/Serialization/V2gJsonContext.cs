using System.Text.Json.Serialization;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Credentials;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Fleets.Layout;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Stations;

namespace V2gActors.Engine.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for every <see cref="IV2gSerializable"/> type: no reflection at run
/// time and no type names in the payload (the manifest carries the type). Enums are written as names so journals
/// stay readable and survive enum reordering.
/// </summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
// events
[JsonSerializable(typeof(ChargerBooted))]
[JsonSerializable(typeof(ConnectorStatusChanged))]
[JsonSerializable(typeof(TransactionEventRecorded))]
[JsonSerializable(typeof(MeterValuesRecorded))]
[JsonSerializable(typeof(ChargerEventsNotified))]
[JsonSerializable(typeof(SecurityEventReceived))]
[JsonSerializable(typeof(DeviceModelPartReceived))]
[JsonSerializable(typeof(DeviceModelReported))]
// snapshot
[JsonSerializable(typeof(ChargerState))]
// entity commands and replies
[JsonSerializable(typeof(ChargerConnected))]
[JsonSerializable(typeof(ChargerDisconnected))]
[JsonSerializable(typeof(OcppCallReceived))]
[JsonSerializable(typeof(SendChargerCommand))]
[JsonSerializable(typeof(SendSetpointUpdate))]
[JsonSerializable(typeof(ChargerCommandCompleted))]
[JsonSerializable(typeof(GetChargerState))]
[JsonSerializable(typeof(ChargerStateView))]
[JsonSerializable(typeof(StopCharger))]
[JsonSerializable(typeof(GetInstalledChargingProfiles))]
[JsonSerializable(typeof(InstalledChargingProfile))]
[JsonSerializable(typeof(InstalledChargingProfilesView))]
// entity → connection
[JsonSerializable(typeof(SendCallResult))]
[JsonSerializable(typeof(SendCallError))]
[JsonSerializable(typeof(SendCallToCharger))]
// fleet entity: events, snapshot, protocol
[JsonSerializable(typeof(FleetMemberJoined))]
[JsonSerializable(typeof(FleetMemberLeft))]
[JsonSerializable(typeof(FleetDispatchStarted))]
[JsonSerializable(typeof(FleetDispatchReallocated))]
[JsonSerializable(typeof(FleetFrameAcknowledged))]
[JsonSerializable(typeof(FleetFramesAcknowledged))]
[JsonSerializable(typeof(FleetState))]
[JsonSerializable(typeof(JoinFleet))]
[JsonSerializable(typeof(FleetMemberConfirmed))]
[JsonSerializable(typeof(FleetMemberRefused))]
[JsonSerializable(typeof(LeaveFleet))]
[JsonSerializable(typeof(DispatchFleetTarget))]
[JsonSerializable(typeof(FleetTargetDispatched))]
[JsonSerializable(typeof(FleetTargetRefused))]
[JsonSerializable(typeof(GetFleetState))]
[JsonSerializable(typeof(FleetStateView))]
[JsonSerializable(typeof(StopFleet))]
// vehicle-session entity
[JsonSerializable(typeof(VehicleSessionBoundsRecorded))]
[JsonSerializable(typeof(VehicleSessionSetpointHeld))]
[JsonSerializable(typeof(RegisterVehicleSession))]
[JsonSerializable(typeof(VehicleSessionRegistered))]
[JsonSerializable(typeof(VehicleSessionRejected))]
[JsonSerializable(typeof(HoldSessionSetpoint))]
[JsonSerializable(typeof(GetVehicleSessionState))]
[JsonSerializable(typeof(VehicleSessionView))]
[JsonSerializable(typeof(StopVehicleSession))]
// station credential entity
[JsonSerializable(typeof(StationPasswordRotationStarted))]
[JsonSerializable(typeof(StationPasswordRotated))]
[JsonSerializable(typeof(StationPasswordRotationAbandoned))]
[JsonSerializable(typeof(RotateStationPassword))]
[JsonSerializable(typeof(StationPasswordRotationEnded))]
[JsonSerializable(typeof(GetStationCredentials))]
[JsonSerializable(typeof(StationCredentialsView))]
[JsonSerializable(typeof(ConfirmPendingStationPassword))]
[JsonSerializable(typeof(StopStationCredential))]
// rotated-station directory
[JsonSerializable(typeof(StationRotationRegistered))]
[JsonSerializable(typeof(RotatedStationsSeeded))]
[JsonSerializable(typeof(RegisterRotatedStation))]
[JsonSerializable(typeof(RotatedStationRegistered))]
[JsonSerializable(typeof(IsStationRotated))]
[JsonSerializable(typeof(RotatedStationAnswer))]
[JsonSerializable(typeof(StopRotatedStationDirectory))]
// smart charging / V2X (charger entity)
[JsonSerializable(typeof(ChargingProfileInstalled))]
[JsonSerializable(typeof(ChargingProfilesCleared))]
[JsonSerializable(typeof(DynamicScheduleUpdated))]
[JsonSerializable(typeof(GetExpectedCompositeSchedule))]
[JsonSerializable(typeof(ExpectedCompositeScheduleView))]
// pnc: DER control, alarms, priority charging (Chargers/Der)
[JsonSerializable(typeof(Chargers.Der.DerControlSet))]
[JsonSerializable(typeof(Chargers.Der.DerControlsCleared))]
[JsonSerializable(typeof(Chargers.Der.DerAlarmNotified))]
[JsonSerializable(typeof(Chargers.Der.DerStartStopNotified))]
[JsonSerializable(typeof(Chargers.Der.DerControlsReported))]
[JsonSerializable(typeof(Chargers.Der.PriorityChargingNotified))]
[JsonSerializable(typeof(Chargers.Der.GetDerState))]
[JsonSerializable(typeof(Chargers.Der.DerStateView))]
// vehicle-session watch (ISO 15118-20 SECC sessions bound to their entity)
[JsonSerializable(typeof(WatchSessionSetpoint))]
[JsonSerializable(typeof(UnwatchSessionSetpoint))]
[JsonSerializable(typeof(SessionSetpointChanged))]
[JsonSerializable(typeof(EndVehicleSession))]
// dispatch core loop (issue 4): fleet layout, meter relay, session end/schedule/snapshot, station-dispatch entity
[JsonSerializable(typeof(ApplyFleetLayout))]
[JsonSerializable(typeof(AssignChargerToFleet))]
[JsonSerializable(typeof(RemoveChargerFromFleet))]
[JsonSerializable(typeof(SetFleetLimit))]
[JsonSerializable(typeof(FleetLayoutUpdated))]
[JsonSerializable(typeof(FleetLayoutRefused))]
[JsonSerializable(typeof(FleetLayoutApplied))]
[JsonSerializable(typeof(FleetChargerAssigned))]
[JsonSerializable(typeof(FleetChargerRemoved))]
[JsonSerializable(typeof(FleetLimitSet))]
[JsonSerializable(typeof(FleetMeterReading))]
[JsonSerializable(typeof(RecordEvChargingSchedule))]
[JsonSerializable(typeof(EvChargingScheduleRecorded))]
[JsonSerializable(typeof(VehicleSessionEnded))]
[JsonSerializable(typeof(VehicleSessionEvScheduleRecorded))]
[JsonSerializable(typeof(VehicleSessionState))]
[JsonSerializable(typeof(AssignStation))]
[JsonSerializable(typeof(StationAssigned))]
[JsonSerializable(typeof(StationCallForwarded))]
[JsonSerializable(typeof(StationMeterReading))]
[JsonSerializable(typeof(StationTransactionEnded))]
[JsonSerializable(typeof(GetStationDispatchState))]
[JsonSerializable(typeof(StationDispatchView))]
[JsonSerializable(typeof(StopStationDispatch))]
[JsonSerializable(typeof(StationFleetAssigned))]
[JsonSerializable(typeof(StationSessionOpened))]
[JsonSerializable(typeof(StationSessionClosed))]
internal sealed partial class V2gJsonContext : JsonSerializerContext;
