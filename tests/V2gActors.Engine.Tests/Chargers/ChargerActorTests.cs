using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Tests.Chargers;

/// <summary>The charger entity with a TestProbe standing in for its connection actor.</summary>
public sealed class ChargerActorTests() : TestKit(EngineTestConfig.InMemory)
{
    private static readonly ChargerSettings Settings = ChargerSettings.Default with { PullDeviceModelOnBoot = false };

    private int _messageId;

    private (IActorRef Charger, TestProbe Connection) Start(string stationId, ChargerSettings? settings = null,
        OcppVersion version = OcppVersion.V21)
    {
        var charger = Sys.ActorOf(ChargerActor.Props(stationId, settings ?? Settings));
        var connection = CreateTestProbe();
        charger.Tell(new ChargerConnected(stationId, "conn-1", version, connection.Ref));
        return (charger, connection);
    }

    private OcppCallReceived Call(string stationId, string action, string json, TestProbe connection,
        string connectionId = "conn-1", OcppVersion version = OcppVersion.V21) =>
        new(stationId, connectionId, version, $"m{++_messageId}", action, OcppSamples.Utf8(json), connection.Ref);

    private static JsonElement Json(SendCallResult result) => JsonDocument.Parse(result.Payload).RootElement;

    private JsonElement Ask(IActorRef charger, TestProbe connection, string stationId, string action, string json)
    {
        var call = Call(stationId, action, json, connection);
        charger.Tell(call);
        var result = connection.ExpectMsg<SendCallResult>();
        Assert.Equal(call.MessageId, result.MessageId);
        return Json(result);
    }

    private ChargerStateView State(IActorRef charger, string stationId)
    {
        charger.Tell(new GetChargerState(stationId), TestActor);
        return ExpectMsg<ChargerStateView>();
    }

    [Fact]
    public void Boot_is_accepted_by_default_and_recorded()
    {
        var (charger, connection) = Start("CS-1");

        var response = Ask(charger, connection, "CS-1", "BootNotification", OcppSamples.Boot());

        Assert.Equal("Accepted", response.GetProperty("status").GetString());
        Assert.Equal(300, response.GetProperty("interval").GetInt32());
        var state = State(charger, "CS-1");
        Assert.Equal(RegistrationStatus.Accepted, state.Registration);
        Assert.Equal("V2G-Wallbox", state.Station!.Model);
        Assert.True(state.Connected);
        Assert.Equal(1, state.JournalSequenceNr);
    }

    [Fact]
    public void Boot_of_a_denied_station_is_rejected_and_later_calls_get_SecurityError()
    {
        var settings = Settings with
        {
            Registration = RegistrationPolicy.AcceptAll with { Deny = ["CS-BAD"], PendingRetryIntervalSeconds = 60 },
        };
        var (charger, connection) = Start("CS-BAD", settings);

        var response = Ask(charger, connection, "CS-BAD", "BootNotification", OcppSamples.Boot());
        Assert.Equal("Rejected", response.GetProperty("status").GetString());
        Assert.Equal(60, response.GetProperty("interval").GetInt32());

        charger.Tell(Call("CS-BAD", "StatusNotification", OcppSamples.Status(1, 1, "Available"), connection));
        var error = connection.ExpectMsg<SendCallError>();
        Assert.Equal(OcppErrorCode.SecurityError, error.Code);
    }

    [Fact]
    public void Pending_station_may_report_but_not_start_transactions()
    {
        var settings = Settings with { Registration = RegistrationPolicy.AcceptAll with { DefaultStatus = RegistrationStatus.Pending } };
        var (charger, connection) = Start("CS-P", settings);

        Assert.Equal("Pending", Ask(charger, connection, "CS-P", "BootNotification", OcppSamples.Boot()).GetProperty("status").GetString());
        Ask(charger, connection, "CS-P", "NotifyReport", OcppSamples.NotifyReport(1, 0, false, "HeartbeatInterval"));

        charger.Tell(Call("CS-P", "TransactionEvent", OcppSamples.Transaction("Started", "tx", 0, 0), connection));
        Assert.Equal(OcppErrorCode.SecurityError, connection.ExpectMsg<SendCallError>().Code);
    }

    [Fact]
    public void Boot_pulls_the_device_model_when_none_is_known()
    {
        var (charger, connection) = Start("CS-DM", Settings with { PullDeviceModelOnBoot = true });

        charger.Tell(Call("CS-DM", "BootNotification", OcppSamples.Boot(), connection));

        connection.ExpectMsg<SendCallResult>();
        var pull = connection.ExpectMsg<SendCallToCharger>();
        Assert.Equal("GetBaseReport", pull.Action);
        Assert.Equal("FullInventory", JsonDocument.Parse(pull.Payload).RootElement.GetProperty("reportBase").GetString());
        Assert.Equal(charger, pull.ReplyTo);
    }

    [Fact]
    public void Heartbeat_answers_current_time_without_journaling()
    {
        var (charger, connection) = Start("CS-HB");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var response = Ask(charger, connection, "CS-HB", "Heartbeat", OcppSamples.Heartbeat);

        Assert.True(response.GetProperty("currentTime").GetDateTimeOffset() >= before);
        var state = State(charger, "CS-HB");
        Assert.NotNull(state.LastHeartbeatAt);
        Assert.Equal(0, state.JournalSequenceNr);
    }

    [Fact]
    public void StatusNotification_updates_the_connector()
    {
        var (charger, connection) = Start("CS-ST");
        Ask(charger, connection, "CS-ST", "StatusNotification", OcppSamples.Status(1, 1, "Occupied"));

        var connector = Assert.Single(State(charger, "CS-ST").Connectors);
        Assert.Equal((1, 1, "Occupied"), (connector.EvseId, connector.ConnectorId, connector.Status));
    }

    [Fact]
    public void Authorize_accepts_by_default_and_refuses_denied_tokens()
    {
        var settings = Settings with { Authorization = new AuthorizationPolicy(["STOLEN"]) };
        var (charger, connection) = Start("CS-AU", settings);

        Assert.Equal("Accepted", Ask(charger, connection, "CS-AU", "Authorize", OcppSamples.Authorize("GOOD"))
            .GetProperty("idTokenInfo").GetProperty("status").GetString());
        Assert.Equal("Invalid", Ask(charger, connection, "CS-AU", "Authorize", OcppSamples.Authorize("STOLEN"))
            .GetProperty("idTokenInfo").GetProperty("status").GetString());
    }

    [Fact]
    public void TransactionEvent_is_idempotent_on_transaction_id_and_seqNo()
    {
        var (charger, connection) = Start("CS-TX");
        var started = OcppSamples.Transaction("Started", "tx-1", 0, 1000, "CablePluggedIn");

        var first = Ask(charger, connection, "CS-TX", "TransactionEvent", started);
        var retry = Ask(charger, connection, "CS-TX", "TransactionEvent", started);

        Assert.Equal(first.ToString(), retry.ToString());
        var state = State(charger, "CS-TX");
        Assert.Equal(1, state.JournalSequenceNr);
        var open = Assert.Single(state.OpenTransactions);
        Assert.Equal("tx-1", open.TransactionId);
        Assert.Equal("TOKEN-1", open.IdToken);

        Ask(charger, connection, "CS-TX", "TransactionEvent", OcppSamples.Transaction("Updated", "tx-1", 1, 2500));
        Ask(charger, connection, "CS-TX", "TransactionEvent", OcppSamples.Transaction("Ended", "tx-1", 2, 4000, "EVCommunicationLost"));
        Ask(charger, connection, "CS-TX", "TransactionEvent", OcppSamples.Transaction("Ended", "tx-1", 2, 4000, "EVCommunicationLost"));

        state = State(charger, "CS-TX");
        Assert.Equal(3, state.JournalSequenceNr);
        Assert.Empty(state.OpenTransactions);
        var closed = Assert.Single(state.ClosedTransactions);
        Assert.Equal("EVDisconnected", closed.StoppedReason);
        Assert.Equal(4000m, closed.LatestMeterValues.Single(m => m.Measurand == MeterMeasurands.EnergyActiveImportRegister).Value);
        var power = closed.LatestMeterValues.Single(m => m.Measurand == MeterMeasurands.PowerActiveImport);
        Assert.Equal((7.4m, "kW"), (power.Value, power.Unit));
    }

    [Fact]
    public void NotifyReport_parts_are_assembled_until_tbc_false()
    {
        var (charger, connection) = Start("CS-NR");

        Ask(charger, connection, "CS-NR", "NotifyReport", OcppSamples.NotifyReport(42, 0, true, "A", "B"));
        Assert.Equal(0, State(charger, "CS-NR").DeviceModelVariableCount);
        Ask(charger, connection, "CS-NR", "NotifyReport", OcppSamples.NotifyReport(42, 1, true, "C"));
        Ask(charger, connection, "CS-NR", "NotifyReport", OcppSamples.NotifyReport(42, 2, false, "D"));

        Assert.Equal(4, State(charger, "CS-NR").DeviceModelVariableCount);
    }

    [Fact]
    public void MeterValues_NotifyEvent_and_SecurityEvent_are_recorded()
    {
        var (charger, connection) = Start("CS-MV");
        Ask(charger, connection, "CS-MV", "MeterValues", OcppSamples.MeterValues(1, 1234));
        Ask(charger, connection, "CS-MV", "NotifyEvent", OcppSamples.NotifyEvent);
        Ask(charger, connection, "CS-MV", "SecurityEventNotification", OcppSamples.SecurityEvent);

        var state = State(charger, "CS-MV");
        Assert.Equal(1234m, state.LatestMeterValuesByEvse[1].Single().Value);
        Assert.Equal(1, state.RecentEventCount);
        Assert.Equal(1, state.SecurityEventCount);
    }

    [Fact]
    public void Invalid_payload_is_answered_with_the_codecs_CALLERROR()
    {
        var (charger, connection) = Start("CS-BADJSON");

        charger.Tell(Call("CS-BADJSON", "BootNotification", """{"reason":"PowerUp"}""", connection));
        var missing = connection.ExpectMsg<SendCallError>();
        Assert.Equal(OcppErrorCode.OccurrenceConstraintViolation, missing.Code);

        charger.Tell(Call("CS-BADJSON", "BootNotification", "not json", connection));
        Assert.Equal(OcppErrorCode.FormatViolation, connection.ExpectMsg<SendCallError>().Code);

        charger.Tell(Call("CS-BADJSON", "NoSuchAction", "{}", connection));
        Assert.Equal(OcppErrorCode.NotImplemented, connection.ExpectMsg<SendCallError>().Code);
    }

    [Fact]
    public void Known_but_unhandled_action_gets_NotSupported()
    {
        var (charger, connection) = Start("CS-NS");
        charger.Tell(Call("CS-NS", "FirmwareStatusNotification", """{"status":"Downloaded"}""", connection));
        Assert.Equal(OcppErrorCode.NotSupported, connection.ExpectMsg<SendCallError>().Code);
    }

    [Fact]
    public void Command_is_validated_and_routed_to_the_current_connection()
    {
        var (charger, connection) = Start("CS-CMD");
        var requester = CreateTestProbe();

        charger.Tell(new SendChargerCommand("CS-CMD", "GetVariables", OcppSamples.GetVariables, requester.Ref));
        var sent = connection.ExpectMsg<SendCallToCharger>();
        Assert.Equal("GetVariables", sent.Action);
        Assert.Equal(requester.Ref, sent.ReplyTo);
        Assert.Equal(OcppSamples.GetVariables, Encoding.UTF8.GetString(sent.Payload));

        charger.Tell(new SendChargerCommand("CS-CMD", "Reset", OcppSamples.ResetInvalid, requester.Ref));
        var refused = requester.ExpectMsg<ChargerCommandCompleted>();
        Assert.Equal(CommandOutcome.Invalid, refused.Outcome);
        Assert.Contains("Reset", refused.ErrorDescription);
        connection.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Command_to_an_offline_station_fails_clearly()
    {
        var charger = Sys.ActorOf(ChargerActor.Props("CS-OFF", Settings));

        var reply = await charger.Ask<ChargerCommandCompleted>(
            new SendChargerCommand("CS-OFF", "Reset", OcppSamples.ResetImmediate), TimeSpan.FromSeconds(10));

        Assert.Equal(CommandOutcome.Offline, reply.Outcome);
        Assert.Contains("not connected", reply.ErrorDescription);
    }

    [Fact]
    public void Close_of_an_older_connection_does_not_take_the_newer_one_offline()
    {
        var (charger, _) = Start("CS-RC");
        var newer = CreateTestProbe();
        charger.Tell(new ChargerConnected("CS-RC", "conn-2", OcppVersion.V201, newer.Ref));

        charger.Tell(new ChargerDisconnected("CS-RC", "conn-1"));
        var state = State(charger, "CS-RC");
        Assert.True(state.Connected);
        Assert.Equal("conn-2", state.ConnectionId);
        Assert.Equal(OcppVersion.V201, state.Version);

        charger.Tell(new ChargerDisconnected("CS-RC", "conn-2"));
        Assert.False(State(charger, "CS-RC").Connected);
    }

    [Fact]
    public void Commands_are_validated_against_the_connections_edition()
    {
        // NotifyAllowedEnergyTransfer exists in 2.1 only: refused before it reaches a 2.0.1 charger.
        var (charger, connection) = Start("CS-201", version: OcppVersion.V201);
        charger.Tell(new SendChargerCommand("CS-201", "NotifyAllowedEnergyTransfer",
            """{"transactionId":"tx","allowedEnergyTransfer":["AC_single_phase"]}""", TestActor));
        var reply = ExpectMsg<ChargerCommandCompleted>();
        Assert.Equal(CommandOutcome.Invalid, reply.Outcome);
        connection.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Entity_passivates_itself_after_being_offline_for_the_configured_time()
    {
        var settings = Settings with { PassivateAfterDisconnected = TimeSpan.FromMilliseconds(300) };
        var parent = CreateTestProbe();
        var charger = parent.ChildActorOf(ChargerActor.Props("CS-PASS", settings));
        var connection = CreateTestProbe();
        charger.Tell(new ChargerConnected("CS-PASS", "c", OcppVersion.V21, connection.Ref));
        parent.ExpectNoMsg(TimeSpan.FromMilliseconds(500));

        charger.Tell(new ChargerDisconnected("CS-PASS", "c"));
        var passivate = parent.ExpectMsg<Passivate>(TimeSpan.FromSeconds(3));
        Assert.IsType<StopCharger>(passivate.StopMessage);
    }

    [Fact]
    public void Notices_are_published_on_the_event_stream()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(ChargerNotice));
        var (charger, connection) = Start("CS-EV");
        ExpectMsg<ChargerConnectivityNotice>(n => n.Connected);

        Ask(charger, connection, "CS-EV", "BootNotification", OcppSamples.Boot());
        ExpectMsg<ChargerBootNotice>(n => n.Status == RegistrationStatus.Accepted);
        Ask(charger, connection, "CS-EV", "TransactionEvent", OcppSamples.Transaction("Started", "tx-9", 0, 100));
        ExpectMsg<TransactionStartedNotice>(n => n.TransactionId == "tx-9");
        Ask(charger, connection, "CS-EV", "TransactionEvent", OcppSamples.Transaction("Updated", "tx-9", 1, 900));
        var meter = ExpectMsg<MeterValuesNotice>();
        Assert.Equal(900, meter.EnergyWh);
        Assert.Equal(7400, meter.PowerW);
        Ask(charger, connection, "CS-EV", "TransactionEvent", OcppSamples.Transaction("Ended", "tx-9", 2, 1500));
        Assert.Equal(1500, ExpectMsg<TransactionEndedNotice>().EnergyWh);
    }
}
