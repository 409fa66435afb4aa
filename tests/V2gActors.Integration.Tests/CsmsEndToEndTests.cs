using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Node.Hosting;
using V2gActors.Ocpp;
using V2gActors.Simulators.Chargers;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Integration.Tests;

/// <summary>The CSMS core over real WebSockets: simulated stations on both editions against a node on SQLite.</summary>
public sealed class CsmsEndToEndTests
{
    [Fact]
    public async Task Chargers_boot_transact_and_send_meter_values_and_every_csms_frame_validates_against_the_official_schema()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        var observed = new ConcurrentQueue<CsmsFrameObserved>();
        var options = node.SimulatorOptions(observed.Enqueue);
        var chargers = new List<SimulatedCharger>();
        for (var i = 0; i < 12; i++)
        {
            // A third of the fleet only offers 2.0.1, so both editions are exercised.
            var o = i % 3 == 0 ? options with { Subprotocols = [OcppSubprotocols.Ocpp201] } : options;
            chargers.Add(new SimulatedCharger($"E2E-{i:D3}", o));
        }
        try
        {
            chargers.ForEach(c => c.Start());
            await Eventually.HoldsAsync(async () =>
            {
                foreach (var c in chargers)
                {
                    var state = await node.StateAsync(c.StationId);
                    if (state.Registration != RegistrationStatus.Accepted || state.ClosedTransactions.Length == 0 ||
                        state.DeviceModelVariableCount == 0) return false;
                }
                return true;
            }, TimeSpan.FromSeconds(60), () => string.Join("; ", chargers.Select(c => $"{c.StationId}:{c.RegistrationStatus}")));

            var first = await node.StateAsync("E2E-000");
            Assert.Equal(OcppVersion.V201, first.Version);
            Assert.Equal(OcppVersion.V21, (await node.StateAsync("E2E-001")).Version);
            Assert.True(first.Connected);
            Assert.Equal("SimCharger-BPT", first.Station!.Model);
            var closed = first.ClosedTransactions[0];
            Assert.NotEmpty(closed.LatestMeterValues);
            // Updated events carry no EVSE; their meter values still reach the node's activity summary.
            var activity = node.App.Services.GetRequiredService<NodeActivity>();
            Assert.True(activity.MeterValues > 0, $"node activity: {activity}");
            Assert.True(activity.TransactionsEnded > 0, $"node activity: {activity}");
        }
        finally
        {
            await Task.WhenAll(chargers.Select(c => c.DisposeAsync().AsTask()));
        }

        Assert.NotEmpty(observed);
        var failures = CsmsFrameConformance.Violations(observed);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Requests from the CSMS (GetBaseReport) as well as responses were checked.
        Assert.Contains(observed, f => f.Kind == OcppPayloadKind.Request);
    }

    [Fact]
    public async Task Csms_commands_reach_the_station_through_the_entity_and_return_its_answer()
    {
        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        var observed = new ConcurrentQueue<CsmsFrameObserved>();
        await using var charger = new SimulatedCharger("CMD-001", node.SimulatorOptions(observed.Enqueue) with { PlugInAfter = null });
        charger.Start();
        await Eventually.HoldsAsync(async () => (await node.StateAsync("CMD-001")).Registration == RegistrationStatus.Accepted,
            TimeSpan.FromSeconds(30));

        var get = await node.CommandAsync("CMD-001", "GetVariables",
            """{"getVariableData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}""");
        Assert.True(get.Succeeded, get.ErrorDescription);
        Assert.Contains("\"Accepted\"", get.ResultJson);

        var set = await node.CommandAsync("CMD-001", "SetVariables",
            """{"setVariableData":[{"attributeValue":"120","component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"}}]}""");
        Assert.True(set.Succeeded, set.ErrorDescription);
        Assert.Equal(120, charger.DeviceModel.HeartbeatIntervalSeconds);

        var start = await node.CommandAsync("CMD-001", "RequestStartTransaction",
            """{"idToken":{"idToken":"OPERATOR-1","type":"Central"},"remoteStartId":42,"evseId":1}""");
        Assert.True(start.Succeeded, start.ErrorDescription);
        await Eventually.HoldsAsync(async () => (await node.StateAsync("CMD-001")).OpenTransactions.Length == 1, TimeSpan.FromSeconds(20));

        var txId = charger.ActiveTransactionId(1)!;
        var stop = await node.CommandAsync("CMD-001", "RequestStopTransaction", $$"""{"transactionId":"{{txId}}"}""");
        Assert.True(stop.Succeeded, stop.ErrorDescription);
        await Eventually.HoldsAsync(async () => (await node.StateAsync("CMD-001")).ClosedTransactions.Any(t => t.TransactionId == txId),
            TimeSpan.FromSeconds(20));

        var trigger = await node.CommandAsync("CMD-001", "TriggerMessage", """{"requestedMessage":"Heartbeat"}""");
        Assert.True(trigger.Succeeded, trigger.ErrorDescription);

        var availability = await node.CommandAsync("CMD-001", "ChangeAvailability", """{"operationalStatus":"Inoperative","evse":{"id":1}}""");
        Assert.True(availability.Succeeded, availability.ErrorDescription);

        // Refused before sending: not valid for the schema (missing required field).
        var invalid = await node.CommandAsync("CMD-001", "Reset", """{"evseId":1}""");
        Assert.Equal(CommandOutcome.Invalid, invalid.Outcome);

        var reset = await node.CommandAsync("CMD-001", "Reset", """{"type":"Immediate"}""");
        Assert.True(reset.Succeeded, reset.ErrorDescription);
        // The station reboots and boots again with reason RemoteReset.
        await Eventually.HoldsAsync(() => charger.IsConnected && charger.CommandsReceived.Contains("Reset"), TimeSpan.FromSeconds(20));

        var offline = await node.CommandAsync("NEVER-CONNECTED", "Reset", """{"type":"Immediate"}""");
        Assert.Equal(CommandOutcome.Offline, offline.Outcome);

        foreach (var f in observed.Where(f => f.Kind == OcppPayloadKind.Request))
            Assert.Empty(OcppSchemaValidator.Validate(f.Version, f.Action, f.Kind, Encoding.UTF8.GetString(f.Payload.Span)));
    }
}
