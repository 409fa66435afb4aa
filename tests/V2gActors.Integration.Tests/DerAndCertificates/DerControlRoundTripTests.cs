using V2gActors.Engine.Chargers;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Integration.Tests.DerAndCertificates;

/// <summary>OCPP 2.1 DER control, aFRR and priority charging between the CSMS and the simulated station over a real WebSocket.</summary>
public sealed class DerControlRoundTripTests
{
    private const string VoltVar = """
        {"isDefault":false,"controlId":"vv-1","controlType":"VoltVar","curve":{"priority":1,"yUnit":"PctMaxVar",
         "startTime":"2026-12-01T00:00:00Z","duration":3600,
         "curveData":[{"x":92,"y":30},{"x":100,"y":0},{"x":108,"y":-30}]}}
        """;

    [Fact]
    public async Task Der_controls_are_set_reported_superseded_cleared_and_survive_a_restart()
    {
        await using var station = await DerStation.StartAsync("DER-001");

        var set = await station.CommandAsync("SetDERControl", VoltVar);
        Assert.True(set.Succeeded, set.ErrorDescription);
        Assert.Contains("\"Accepted\"", set.ResultJson);
        Assert.Equal(["vv-1"], (await station.DerAsync()).Active("VoltVar").Select(c => c.ControlId));

        // Same type and priority: the station supersedes vv-1 and says so; the entity follows.
        var second = await station.CommandAsync("SetDERControl", VoltVar.Replace("vv-1", "vv-2"));
        Assert.Contains("\"supersededIds\":[\"vv-1\"]", second.ResultJson);
        var der = await station.DerAsync();
        Assert.Equal(["vv-2"], der.Active("VoltVar").Select(c => c.ControlId));
        Assert.Contains(der.Controls, c => c.ControlId == "vv-1" && c.IsSuperseded);

        var limit = await station.CommandAsync("SetDERControl",
            """{"isDefault":true,"controlId":"lmd-1","controlType":"LimitMaxDischarge","limitMaxDischarge":{"priority":0,"pctMaxDischargePower":40}}""");
        Assert.True(limit.Succeeded, limit.ErrorDescription);

        var get = await station.CommandAsync("GetDERControl", """{"requestId":7,"isDefault":false,"controlType":"VoltVar"}""");
        Assert.Contains("\"Accepted\"", get.ResultJson);
        await Eventually.HoldsAsync(async () => (await station.DerAsync()).ReportRequestId == 7, TimeSpan.FromSeconds(20));
        Assert.Equal(["vv-1", "vv-2"], (await station.DerAsync()).Reported.Select(r => r.ControlId).Order());

        Assert.True(await station.Charger.NotifyDerStartStopAsync("vv-2", started: true));
        Assert.True(await station.Charger.RaiseDerAlarmAsync(DERControlEnumType.VoltVar, GridEventFaultEnumType.OverVoltage, extraInfo: "L1 253 V"));
        der = await station.DerAsync();
        Assert.True(der.Controls.Single(c => c.ControlId == "vv-2").Started);
        Assert.Equal("OverVoltage", Assert.Single(der.OpenAlarms).GridEventFault);

        // Journaled: a restarted node knows the controls and the open alarm.
        await station.RestartNodeAsync();
        der = await station.DerAsync();
        Assert.Equal(["vv-2"], der.Active("VoltVar").Select(c => c.ControlId));
        Assert.Equal(["lmd-1"], der.Active("LimitMaxDischarge").Select(c => c.ControlId));
        Assert.Single(der.OpenAlarms);

        await Eventually.HoldsAsync(async () => (await station.Node.StateAsync(station.StationId)).Connected && station.Charger.IsConnected, TimeSpan.FromSeconds(60));
        Assert.True(await station.Charger.RaiseDerAlarmAsync(DERControlEnumType.VoltVar, GridEventFaultEnumType.OverVoltage, ended: true));
        var clear = await station.CommandAsync("ClearDERControl", """{"isDefault":false,"controlType":"VoltVar"}""");
        Assert.Contains("\"Accepted\"", clear.ResultJson);
        der = await station.DerAsync();
        Assert.Empty(der.Active("VoltVar"));
        Assert.Empty(der.OpenAlarms);
        Assert.Empty(station.Charger.Der.Controls.Where(c => c.ControlType == DERControlEnumType.VoltVar));

        station.AssertEveryFrameValidates(
            "SetDERControl", "GetDERControl", "ClearDERControl", "ReportDERControl", "NotifyDERAlarm", "NotifyDERStartStop");
    }

    [Fact]
    public async Task A_der_control_that_breaks_a_semantic_rule_is_refused_with_a_reason_and_never_sent()
    {
        await using var station = await DerStation.StartAsync("DER-002");

        var twoSettings = await station.CommandAsync("SetDERControl",
            VoltVar.TrimEnd()[..^1] + ""","gradient":{"priority":1,"gradient":10,"softGradient":5}}""");
        Assert.Equal(CommandOutcome.Invalid, twoSettings.Outcome);
        Assert.Contains("exactly one is required", twoSettings.ErrorDescription);

        var none = await station.CommandAsync("SetDERControl", """{"isDefault":true,"controlId":"x","controlType":"FreqDroop"}""");
        Assert.Equal(CommandOutcome.Invalid, none.Outcome);
        Assert.Contains("no settings object", none.ErrorDescription);

        var mismatch = await station.CommandAsync("SetDERControl",
            """{"isDefault":true,"controlId":"x","controlType":"FreqDroop","fixedVar":{"priority":0,"setpoint":10,"unit":"PctMaxVar"}}""");
        Assert.Equal(CommandOutcome.Invalid, mismatch.Outcome);
        Assert.Contains("freqDroop", mismatch.ErrorDescription);

        Assert.DoesNotContain("SetDERControl", station.Charger.CommandsReceived);
        Assert.Empty(station.Charger.Der.Controls);
        Assert.Empty((await station.DerAsync()).Controls);
    }

    [Fact]
    public async Task Afrr_signals_allowed_energy_transfer_and_priority_charging_round_trip()
    {
        await using var station = await DerStation.StartAsync("DER-003");

        var afrr = await station.CommandAsync("AFRRSignal", """{"timestamp":"2026-12-01T10:00:00Z","signal":-2500}""");
        Assert.Contains("\"Accepted\"", afrr.ResultJson);
        Assert.Equal(-2500, Assert.Single(station.Charger.AfrrSignals).Signal);

        var unknown = await station.CommandAsync("UsePriorityCharging", """{"transactionId":"nope","activate":true}""");
        Assert.Contains("\"Rejected\"", unknown.ResultJson);

        await station.Charger.StartTransactionAsync(1);
        var tx = station.Charger.ActiveTransactionId(1)!;
        await Eventually.HoldsAsync(async () => (await station.Node.StateAsync(station.StationId)).OpenTransactions.Length == 1, TimeSpan.FromSeconds(20));

        var allowed = await station.CommandAsync("NotifyAllowedEnergyTransfer",
            $$"""{"transactionId":"{{tx}}","allowedEnergyTransfer":["DC","DC_BPT"]}""");
        Assert.Contains("\"Accepted\"", allowed.ResultJson);
        Assert.Equal([EnergyTransferModeEnumType.DC, EnergyTransferModeEnumType.DC_BPT], station.Charger.AllowedEnergyTransfer(tx));

        var priority = await station.CommandAsync("UsePriorityCharging", $$"""{"transactionId":"{{tx}}","activate":true}""");
        Assert.Contains("\"Accepted\"", priority.ResultJson);
        Assert.True(station.Charger.PriorityChargingActive(tx));
        // The station confirms with NotifyPriorityCharging, which the entity journals.
        await Eventually.HoldsAsync(async () => (await station.DerAsync()).PriorityChargingTransactions.Contains(tx), TimeSpan.FromSeconds(20));

        await station.CommandAsync("UsePriorityCharging", $$"""{"transactionId":"{{tx}}","activate":false}""");
        await Eventually.HoldsAsync(async () => (await station.DerAsync()).PriorityChargingTransactions.IsEmpty, TimeSpan.FromSeconds(20));

        station.AssertEveryFrameValidates("AFRRSignal", "NotifyAllowedEnergyTransfer", "UsePriorityCharging", "NotifyPriorityCharging");
    }
}
