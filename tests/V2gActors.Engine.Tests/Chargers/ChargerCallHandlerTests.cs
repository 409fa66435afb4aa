using V2gActors.Engine.Chargers;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Tests.Chargers;

/// <summary>The pure decision logic, without an actor system: state + request in, events + response out.</summary>
public sealed class ChargerCallHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static T Decode<T>(string json) => OcppPayloadCodec.Decode<T>(OcppSamples.Utf8(json));

    private static ChargerCallDecision Handle(ChargerState state, string action, object request) =>
        ChargerCallHandler.Handle("CS-1", action, state, request, ChargerSettings.Default, Now);

    private static ChargerState Fold(ChargerState state, ChargerCallDecision decision) =>
        decision.Events.Aggregate(state, (s, e) => s.Apply(e));

    [Fact]
    public void Boot_decision_carries_policy_interval_and_station_info()
    {
        var decision = Handle(ChargerState.Empty, "BootNotification", Decode<BootNotificationRequest>(OcppSamples.Boot("M9", "Volt")));

        var response = Assert.IsType<BootNotificationResponse>(decision.Response);
        Assert.Equal((RegistrationStatusEnumType.Accepted, 300, Now), (response.Status, response.Interval, response.CurrentTime));
        var booted = Assert.IsType<ChargerBooted>(Assert.Single(decision.Events));
        Assert.Equal(("M9", "Volt", "PowerUp"), (booted.Station.Model, booted.Station.VendorName, booted.Reason));
    }

    [Fact]
    public void A_seen_transaction_seqNo_yields_no_event_but_the_same_response()
    {
        var request = Decode<TransactionEventRequest>(OcppSamples.Transaction("Started", "tx", 0, 10));
        var first = Handle(ChargerState.Empty, "TransactionEvent", request);
        var state = Fold(ChargerState.Empty, first);

        var retry = Handle(state, "TransactionEvent", request);

        Assert.Single(first.Events);
        Assert.Empty(retry.Events);
        Assert.Equal(((TransactionEventResponse)first.Response!).IdTokenInfo, ((TransactionEventResponse)retry.Response!).IdTokenInfo);
        Assert.True(state.HasSeen("tx", 0));
        Assert.False(state.HasSeen("tx", 1));
    }

    [Fact]
    public void Report_parts_accumulate_until_the_final_part_replaces_the_device_model()
    {
        var state = ChargerState.Empty;
        state = Fold(state, Handle(state, "NotifyReport", Decode<NotifyReportRequest>(OcppSamples.NotifyReport(3, 0, true, "A", "B"))));
        Assert.Equal(2, state.PendingReports[3].Length);
        Assert.Empty(state.DeviceModel);

        var last = Handle(state, "NotifyReport", Decode<NotifyReportRequest>(OcppSamples.NotifyReport(3, 1, false, "C")));
        var reported = Assert.IsType<DeviceModelReported>(Assert.Single(last.Events));
        Assert.Equal(["A", "B", "C"], reported.Variables.Select(v => v.Variable));

        state = Fold(state, last);
        Assert.Equal(3, state.DeviceModel.Length);
        Assert.Empty(state.PendingReports);
        Assert.Equal("ReadWrite", state.DeviceModel[0].Mutability);
    }

    [Fact]
    public void Meter_values_apply_the_unit_multiplier_exactly()
    {
        var request = Decode<MeterValuesRequest>("""
            {"evseId":1,"meterValue":[{"timestamp":"2026-01-01T00:00:00Z","sampledValue":[
              {"value":1.5,"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"Wh","multiplier":3}}]}]}
            """);

        var recorded = Assert.IsType<MeterValuesRecorded>(Assert.Single(Handle(ChargerState.Empty, "MeterValues", request).Events));

        Assert.Equal(1500m, recorded.Samples.Single().Value);
    }

    [Fact]
    public void Unhandled_known_action_is_NotSupported()
    {
        var decision = Handle(ChargerState.Empty, "DataTransfer", Decode<DataTransferRequest>("""{"vendorId":"acme"}"""));
        Assert.Equal(OcppErrorCode.NotSupported, decision.Error!.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Closed_transactions_are_bounded()
    {
        var state = ChargerState.Empty;
        for (var i = 0; i < ChargerState.ClosedTransactionsKept + 5; i++)
        {
            state = state.Apply(new TransactionEventRecorded($"tx-{i}", 0, TransactionEventTypes.Started, Now, "Authorized", 1, 1, null, null, null, []));
            state = state.Apply(new TransactionEventRecorded($"tx-{i}", 1, TransactionEventTypes.Ended, Now, "StopAuthorized", 1, 1, null, null, "Local", []));
        }
        Assert.Equal(ChargerState.ClosedTransactionsKept, state.ClosedTransactions.Count);
        Assert.Empty(state.OpenTransactions);
        Assert.Equal("tx-5", state.ClosedTransactions[0].TransactionId);
    }
}
