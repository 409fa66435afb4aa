using System.Collections.Frozen;
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
        [typeof(SendSetpointUpdate)] = "chg.setpoint.v1",
        [typeof(ChargerCommandCompleted)] = "chg.cmd-done.v1",
        [typeof(GetChargerState)] = "chg.get.v1",
        [typeof(ChargerStateView)] = "chg.view.v1",
        [typeof(StopCharger)] = "chg.stop.v1",
        [typeof(GetInstalledChargingProfiles)] = "chg.get-profiles.v1",
        [typeof(InstalledChargingProfile)] = "chg.profile.v1",
        [typeof(InstalledChargingProfilesView)] = "chg.profiles.v1",
        // "conn." = connection actor
        [typeof(SendCallResult)] = "conn.result.v1",
        [typeof(SendCallError)] = "conn.error.v1",
        [typeof(SendCallToCharger)] = "conn.call.v1",
        // "flt." = fleet entity (events, snapshot, protocol)
        [typeof(FleetMemberJoined)] = "flt.joined.v1",
        [typeof(FleetMemberLeft)] = "flt.left.v1",
        [typeof(FleetDispatchStarted)] = "flt.dispatch.v1",
        [typeof(FleetDispatchReallocated)] = "flt.realloc.v1",
        [typeof(FleetFrameAcknowledged)] = "flt.ack.v1",
        [typeof(FleetFramesAcknowledged)] = "flt.acks.v1",
        [typeof(FleetState)] = "flt.state.v1",
        [typeof(JoinFleet)] = "flt.join.v1",
        [typeof(FleetMemberConfirmed)] = "flt.join-ok.v1",
        [typeof(FleetMemberRefused)] = "flt.join-refused.v1",
        [typeof(LeaveFleet)] = "flt.leave.v1",
        [typeof(DispatchFleetTarget)] = "flt.target.v1",
        [typeof(FleetTargetDispatched)] = "flt.target-ok.v1",
        [typeof(FleetTargetRefused)] = "flt.target-refused.v1",
        [typeof(GetFleetState)] = "flt.get.v1",
        [typeof(FleetStateView)] = "flt.view.v1",
        [typeof(StopFleet)] = "flt.stop.v1",
        // "ses." = vehicle-session entity
        [typeof(VehicleSessionBoundsRecorded)] = "ses.bounds.v1",
        [typeof(VehicleSessionSetpointHeld)] = "ses.setpoint.v1",
        [typeof(RegisterVehicleSession)] = "ses.register.v1",
        [typeof(VehicleSessionRegistered)] = "ses.registered.v1",
        [typeof(VehicleSessionRejected)] = "ses.rejected.v1",
        [typeof(HoldSessionSetpoint)] = "ses.hold.v1",
        [typeof(GetVehicleSessionState)] = "ses.get.v1",
        [typeof(VehicleSessionView)] = "ses.view.v1",
        [typeof(StopVehicleSession)] = "ses.stop.v1",
        // "cred." = station credential entity (password rotation, security profiles 1/2)
        [typeof(StationPasswordRotationStarted)] = "cred.rotation-started.v1",
        [typeof(StationPasswordRotated)] = "cred.rotated.v1",
        [typeof(StationPasswordRotationAbandoned)] = "cred.rotation-abandoned.v1",
        [typeof(RotateStationPassword)] = "cred.rotate.v1",
        [typeof(StationPasswordRotationEnded)] = "cred.rotate-done.v1",
        [typeof(GetStationCredentials)] = "cred.get.v1",
        [typeof(StationCredentialsView)] = "cred.view.v1",
        [typeof(ConfirmPendingStationPassword)] = "cred.confirm.v1",
        [typeof(StopStationCredential)] = "cred.stop.v1",
        // "rot." = directory of stations that ever started a rotation (Credentials/RotatedStationDirectoryActor)
        [typeof(StationRotationRegistered)] = "rot.registered-event.v1",
        [typeof(RotatedStationsSeeded)] = "rot.seeded.v1",
        [typeof(RegisterRotatedStation)] = "rot.register.v1",
        [typeof(RotatedStationRegistered)] = "rot.registered.v1",
        [typeof(IsStationRotated)] = "rot.ask.v1",
        [typeof(RotatedStationAnswer)] = "rot.answer.v1",
        [typeof(StopRotatedStationDirectory)] = "rot.stop.v1",
        // smart charging / V2X (charger entity): events and queries
        [typeof(ChargingProfileInstalled)] = "chg.profile-installed.v1",
        [typeof(ChargingProfilesCleared)] = "chg.profiles-cleared.v1",
        [typeof(DynamicScheduleUpdated)] = "chg.dyn-update.v1",
        [typeof(GetExpectedCompositeSchedule)] = "chg.get-composite.v1",
        [typeof(ExpectedCompositeScheduleView)] = "chg.composite.v1",
        // pnc: DER control, alarms, priority charging (Chargers/Der)
        [typeof(Chargers.Der.DerControlSet)] = "chg.der-set.v1",
        [typeof(Chargers.Der.DerControlsCleared)] = "chg.der-cleared.v1",
        [typeof(Chargers.Der.DerAlarmNotified)] = "chg.der-alarm.v1",
        [typeof(Chargers.Der.DerStartStopNotified)] = "chg.der-startstop.v1",
        [typeof(Chargers.Der.DerControlsReported)] = "chg.der-reported.v1",
        [typeof(Chargers.Der.PriorityChargingNotified)] = "chg.priority.v1",
        [typeof(Chargers.Der.GetDerState)] = "chg.get-der.v1",
        [typeof(Chargers.Der.DerStateView)] = "chg.der-view.v1",
        // "ses." vehicle-session watch (ISO 15118-20 SECC sessions bound to their entity)
        [typeof(WatchSessionSetpoint)] = "ses.watch.v1",
        [typeof(UnwatchSessionSetpoint)] = "ses.unwatch.v1",
        [typeof(SessionSetpointChanged)] = "ses.setpoint-changed.v1",
        [typeof(EndVehicleSession)] = "ses.end.v1",
        // dispatch core loop (issue 4): fleet layout, meter relay, session end/schedule/snapshot, station-dispatch entity ("stn.")
        [typeof(ApplyFleetLayout)] = "flt.layout-apply.v1",
        [typeof(AssignChargerToFleet)] = "flt.charger-assign.v1",
        [typeof(RemoveChargerFromFleet)] = "flt.charger-remove.v1",
        [typeof(SetFleetLimit)] = "flt.limit-set.v1",
        [typeof(FleetLayoutUpdated)] = "flt.layout-ok.v1",
        [typeof(FleetLayoutRefused)] = "flt.layout-refused.v1",
        [typeof(FleetLayoutApplied)] = "flt.layout-applied.v1",
        [typeof(FleetChargerAssigned)] = "flt.charger-assigned.v1",
        [typeof(FleetChargerRemoved)] = "flt.charger-removed.v1",
        [typeof(FleetLimitSet)] = "flt.limit.v1",
        [typeof(FleetMeterReading)] = "flt.meter.v1",
        [typeof(RecordEvChargingSchedule)] = "ses.ev-schedule.v1",
        [typeof(EvChargingScheduleRecorded)] = "ses.ev-schedule-ok.v1",
        [typeof(VehicleSessionEnded)] = "ses.ended.v1",
        [typeof(VehicleSessionEvScheduleRecorded)] = "ses.ev-schedule-recorded.v1",
        [typeof(VehicleSessionState)] = "ses.state.v1",
        [typeof(AssignStation)] = "stn.assign.v1",
        [typeof(StationAssigned)] = "stn.assigned.v1",
        [typeof(StationCallForwarded)] = "stn.call.v1",
        [typeof(StationMeterReading)] = "stn.meter.v1",
        [typeof(StationTransactionEnded)] = "stn.tx-ended.v1",
        [typeof(GetStationDispatchState)] = "stn.get.v1",
        [typeof(StationDispatchView)] = "stn.view.v1",
        [typeof(StopStationDispatch)] = "stn.stop.v1",
        [typeof(StationFleetAssigned)] = "stn.fleet.v1",
        [typeof(StationSessionOpened)] = "stn.session-opened.v1",
        [typeof(StationSessionClosed)] = "stn.session-closed.v1",
    }.ToFrozenDictionary();

    public static IReadOnlyDictionary<string, Type> ByManifest { get; } =
        ByType.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);
}
