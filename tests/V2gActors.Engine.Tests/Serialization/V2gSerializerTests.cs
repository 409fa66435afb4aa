using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Serialization;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Tests.Serialization;

public sealed class V2gSerializerTests() : TestKit(EngineTestConfig.InMemory)
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly MeterSample Sample = new(T, MeterMeasurands.EnergyActiveImportRegister, 1234.5m, "Wh", null, "Outlet", "Sample.Periodic");

    private static readonly DeviceVariable Variable = new("OCPPCommCtrlr", null, 1, 2, "HeartbeatInterval", null, "Actual", "300", "ReadWrite");

    private static readonly TransactionState Transaction = new("tx-1", 1, 1, "TOKEN", T, null, "Charging", null, 3,
        [0, 1, 2, 3], [Sample]);

    /// <summary>One instance of every serializable type; the completeness test below keeps this list honest.</summary>
    private IEnumerable<IV2gSerializable> Samples()
    {
        var actor = TestActor;
        var station = new ChargingStationInfo("M", "V", "SN", null);
        yield return new ChargerBooted(T, station, "PowerUp", RegistrationStatus.Pending, 30);
        yield return new ConnectorStatusChanged(T, 1, 1, "Occupied");
        yield return new TransactionEventRecorded("tx-1", 2, "Updated", T, "MeterValuePeriodic", 1, 1, "TOKEN", "Charging", null, [Sample]);
        yield return new MeterValuesRecorded(1, [Sample, Sample with { Measurand = MeterMeasurands.PowerActiveImport, Value = -7400m }]);
        yield return new ChargerEventsNotified(T, 4, [new ReportedEvent(1, T, "Delta", "Connector", "AvailabilityState", "Faulted", null)]);
        yield return new SecurityEventReceived("SettingSystemTime", T, "ntp");
        yield return new DeviceModelPartReceived(7, 0, [Variable]);
        yield return new DeviceModelReported(7, T, [Variable, Variable with { Value = null }]);
        yield return ChargerState.Empty.Apply(new ChargerBooted(T, station, "PowerUp", RegistrationStatus.Accepted, 300)) with
        {
            Connectors = ImmutableDictionary<string, ConnectorState>.Empty.Add("1/1", new ConnectorState(1, 1, "Available", T)),
            OpenTransactions = ImmutableDictionary<string, TransactionState>.Empty.Add("tx-1", Transaction),
            ClosedTransactions = [Transaction with { TransactionId = "tx-0", EndedAt = T, StoppedReason = "Local" }],
            LatestMeterValuesByEvse = ImmutableDictionary<int, ImmutableArray<MeterSample>>.Empty.Add(1, [Sample]),
            DeviceModel = [Variable],
            PendingReports = ImmutableDictionary<int, ImmutableArray<DeviceVariable>>.Empty.Add(9, [Variable]),
            RecentEvents = [new ReportedEvent(1, T, "Alerting", "EVSE", "Power", "11000", "tech")],
            RecentSecurityEvents = [new SecurityEventReceived("X", T, null)],
        };
        yield return new ChargerConnected("CS-1", "c-1", OcppVersion.V201, actor);
        yield return new ChargerDisconnected("CS-1", "c-1");
        yield return new OcppCallReceived("CS-1", "c-1", OcppVersion.V21, "m-1", "Heartbeat", "{}"u8.ToArray(), actor);
        yield return new SendChargerCommand("CS-1", "Reset", """{"type":"Immediate"}""", actor);
        yield return new SendChargerCommand("CS-1", "Reset", """{"type":"Immediate"}""");
        yield return new ChargerCommandCompleted("CS-1", "Reset", CommandOutcome.CallError, null, "NotSupported", "nope");
        yield return new GetChargerState("CS-1");
        yield return new ChargerStateView("CS-1", true, "c-1", OcppVersion.V21, station, RegistrationStatus.Accepted, T, T, 300,
            [new ConnectorState(1, 1, "Available", T)], [Transaction], [], ImmutableDictionary<int, ImmutableArray<MeterSample>>.Empty,
            12, 1, 0, 42);
        yield return StopCharger.Instance;
        yield return new GetInstalledChargingProfiles("CS-1");
        var profile = new InstalledChargingProfile(1, 71001, 0, "TxProfile", "Dynamic", "CentralSetpoint", T, """{"id":71001}""");
        yield return profile;
        yield return new InstalledChargingProfilesView("CS-1", [profile]);
        // station credential entity
        yield return new V2gActors.Engine.Credentials.StationPasswordRotationStarted("pbkdf2-sha256$1$AA==$AA==", T);
        yield return new V2gActors.Engine.Credentials.StationPasswordRotated(T);
        yield return new V2gActors.Engine.Credentials.StationPasswordRotationAbandoned("Rejected", T);
        yield return new V2gActors.Engine.Credentials.RotateStationPassword("CS-1", actor);
        yield return new V2gActors.Engine.Credentials.StationPasswordRotationEnded("CS-1", true, "accepted");
        yield return new V2gActors.Engine.Credentials.GetStationCredentials("CS-1");
        yield return new V2gActors.Engine.Credentials.StationCredentialsView("CS-1", "h1", "h2", T);
        yield return new V2gActors.Engine.Credentials.ConfirmPendingStationPassword("CS-1");
        yield return V2gActors.Engine.Credentials.StopStationCredential.Instance;
        yield return new V2gActors.Engine.Credentials.StationRotationRegistered("CS-1");
        yield return new V2gActors.Engine.Credentials.RotatedStationsSeeded(2);
        yield return new V2gActors.Engine.Credentials.RegisterRotatedStation("CS-1");
        yield return new V2gActors.Engine.Credentials.RotatedStationRegistered("CS-1");
        yield return new V2gActors.Engine.Credentials.IsStationRotated("CS-1");
        yield return new V2gActors.Engine.Credentials.RotatedStationAnswer("CS-1", true);
        yield return V2gActors.Engine.Credentials.StopRotatedStationDirectory.Instance;
        // smart charging / V2X
        var dynamicProfile = profile with { TransactionId = "tx-1", DynamicUpdateJson = """{"setpoint":-3000}""", DynamicUpdatedAt = T };
        yield return new ChargingProfileInstalled(dynamicProfile);
        yield return new ChargingProfilesCleared([71001, 5], T);
        yield return new DynamicScheduleUpdated(71001, T, """{"setpoint":-3000,"limit":11000}""");
        yield return new GetExpectedCompositeSchedule("CS-1", 1, 3600);
        yield return new ExpectedCompositeScheduleView("CS-1", 1, """{"evseId":1}""");
        yield return ChargerState.Empty.Apply(new ChargingProfileInstalled(dynamicProfile));
        yield return new SendCallResult("m-1", """{"currentTime":"2026-01-01T00:00:00Z"}"""u8.ToArray());
        yield return new SendCallError("m-1", OcppErrorCode.PropertyConstraintViolation, "bad");
        yield return new SendCallToCharger("CS-1", "Reset", """{"type":"OnIdle"}"""u8.ToArray(), actor);
        yield return new SendSetpointUpdate("CS-1", 71_001, -2_500.5m, 11_000m, -11_000m, actor);
        // Fleet and vehicle-session messages and events keep their samples beside their own tests.
        foreach (var sample in V2gActors.Engine.Tests.Chargers.Der.DerSerializationSamples.Serializable()) yield return sample;
        foreach (var sample in V2gActors.Engine.Tests.Dispatch.DispatchSerializationTests.Serializable(actor)) yield return sample;
    }

    [Fact]
    public void Every_serializable_type_has_a_manifest_and_a_sample()
    {
        var marked = typeof(IV2gSerializable).Assembly.GetTypes()
            .Where(t => typeof(IV2gSerializable).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToHashSet();

        Assert.Equal(marked.OrderBy(t => t.Name), V2gManifests.ByType.Keys.OrderBy(t => t.Name));
        Assert.Equal(marked.OrderBy(t => t.Name), Samples().Select(s => s.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.Equal(V2gManifests.ByType.Count, V2gManifests.ByManifest.Count);
    }

    [Fact]
    public void Every_sample_round_trips_through_the_bound_serializer()
    {
        var serialization = Sys.Serialization;
        foreach (var sample in Samples())
        {
            var serializer = serialization.FindSerializerFor(sample);
            Assert.IsType<V2gSerializer>(serializer);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);
            var bytes = serializer.ToBinary(sample);

            var back = serialization.Deserialize(bytes, serializer.Identifier, manifest);

            Assert.IsType(sample.GetType(), back);
            // Records holding arrays compare by reference, so equality is checked on the bytes of a second pass.
            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes), System.Text.Encoding.UTF8.GetString(serializer.ToBinary(back)));
            Assert.DoesNotContain("V2gActors", System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void Actor_refs_resolve_back_to_the_same_actor()
    {
        var probe = CreateTestProbe();
        var serializer = (V2gSerializer)Sys.Serialization.FindSerializerForType(typeof(IV2gSerializable));
        var message = new ChargerConnected("CS-1", "c", OcppVersion.V21, probe.Ref);

        var back = (ChargerConnected)serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        Assert.Equal(probe.Ref, back.Connection);
        back.Connection.Tell("ping");
        probe.ExpectMsg("ping");
    }

    [Fact]
    public void Manifests_are_short_and_versioned()
    {
        Assert.All(V2gManifests.ByType.Values, m => Assert.Matches(@"^[a-z]+\.[a-z-]+\.v\d+$", m));
        Assert.Equal("chg.booted.v1", V2gManifests.ByType[typeof(ChargerBooted)]);
    }

    [Fact]
    public void Unknown_manifest_is_a_clear_error()
    {
        var serializer = new V2gSerializer((ExtendedActorSystem)Sys);
        var ex = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "chg.nope.v1"));
        Assert.Contains("chg.nope.v1", ex.Message);
    }
}
