using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Fleets;
using V2gActors.Node.Iso15118;
using V2gActors.Simulators.Vehicles;

namespace V2gActors.Integration.Tests.Iso15118;

/// <summary>A test node with its SECC on free loopback ports, bound to one fleet/EVSE, and EVCC options pointing at it.</summary>
internal static class SeccNode
{
    public static Task<TestNode> StartAsync(string fleetId, string stationId, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["V2g:Iso15118:Enabled"] = "true",
            ["V2g:Iso15118:Port"] = "0",
            ["V2g:Iso15118:SdpPort"] = "0",
            ["V2g:Iso15118:FleetId"] = fleetId,
            ["V2g:Iso15118:StationId"] = stationId,
            ["V2g:Iso15118:EvseId"] = "1",
            ["V2g:Iso15118:CableCheckSeconds"] = "0.1",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return TestNode.StartAsync(TempFiles.SqlitePath(), settings);
    }

    public static async Task<SeccEndpoint> SeccAsync(this TestNode node)
    {
        var endpoint = node.App.Services.GetRequiredService<SeccEndpoint>();
        await endpoint.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        return endpoint;
    }

    public static async Task<IActorRef> FleetsAsync(this TestNode node) =>
        await node.App.Services.GetRequiredService<ActorRegistry>().GetAsync<FleetRegion>();

    public static async Task<FleetStateView> FleetAsync(this TestNode node, string fleetId) =>
        await (await node.FleetsAsync()).Ask<FleetStateView>(new GetFleetState(fleetId), TimeSpan.FromSeconds(30));

    /// <summary>An EV that finds the SECC by SDP and trusts its root; generous timeouts (the machine is shared).</summary>
    public static EvccSimulatorOptions Ev(SeccEndpoint secc) => new()
    {
        SdpServer = secc.Sdp!,
        TrustedRoot = secc.TrustedRoot!,
        MessageTimeout = TimeSpan.FromSeconds(10),
        ChargeLoopInterval = TimeSpan.FromMilliseconds(50),
        MaxChargeLoops = 5_000,
    };
}
