using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Npgsql;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Sessions;
using V2gActors.Simulators.Chargers;
using V2gActors.TestSupport;
using V2gActors.TestSupport.Postgres;
using Xunit.Abstractions;
using OcppRegistration = V2gActors.Ocpp.Messages.V21.RegistrationStatusEnumType;

namespace V2gActors.Cluster.Tests;

/// <summary>
/// Three node processes on one PostgreSQL database, simulated chargers spread over them, transactions running and a
/// fleet dispatching. One node is killed with SIGKILL: its chargers fail over to the survivors, the split brain
/// resolver downs it, its shards (and the fleet) restart elsewhere from the journal, and dispatch continues. Then every
/// node in turn leaves gracefully (SIGTERM → coordinated shutdown → shard hand-off) and comes back. Throughout, every
/// TransactionEvent a charger got a CALLRESULT for, and every dispatch the fleet had fully acknowledged, must be in the
/// journal, read straight from PostgreSQL.
/// </summary>
public sealed class NodeLossTests(PostgresDatabaseFixture database, ITestOutputHelper output) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Nodes = 3;
    private const int Chargers = 12;
    private const string FleetId = "FLEET-CLUSTER";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task A_killed_node_loses_nothing_acknowledged_and_a_rolling_restart_hands_shards_off_gracefully()
    {
        // The nodes pool their connections; the fixture's own string (no pooling) is for the test's reads and the drop.
        var nodeConnection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true }.ConnectionString;
        using var cluster = new TestCluster(Nodes, nodeConnection);
        try
        {
            cluster.StartAll();
            await using var member = await ClusterMember.StartAsync(cluster.SeedNodes);
            await WaitUpAsync("three engine nodes Up", cluster, () => member.UpNodes().Count == Nodes, Within * 2);
            Log($"cluster of {Nodes} node processes Up ({string.Join(", ", cluster.Nodes.Select(n => $"{n.Name} ws:{n.OcppPort} akka:{n.RemotingPort}"))})");

            var chargers = Enumerable.Range(0, Chargers).Select(i => new SimulatedCharger($"CL-{i:D2}", SimulatorOptions(cluster, i))).ToList();
            var acknowledgedDispatches = new List<string>();
            IReadOnlyList<AcknowledgedEvent> acknowledged;
            try
            {
                chargers.ForEach(c => c.Start());
                await WaitAsync("every charger booted", () => chargers.All(c => c.IsConnected && c.RegistrationStatus == OcppRegistration.Accepted));
                var traffic = new ChargerTraffic(chargers, TimeSpan.FromMilliseconds(250));
                try
                {
                    await WaitAsync("a transaction acknowledged at every charger", () => traffic.AcknowledgedSince(DateTimeOffset.MinValue).Count == Chargers);
                    var hosts = await AssertChargerEntitiesSpreadAsync(member, cluster);
                    // Charger i's socket is on node i mod N (its first choice, all nodes were up); where is its entity?
                    var elsewhere = chargers.Where((c, i) => hosts[c.StationId] != cluster.Nodes[i % Nodes].Name).Select(c => c.StationId).ToList();
                    Assert.NotEmpty(elsewhere);
                    Log($"{elsewhere.Count} of {Chargers} chargers talk through a socket on one node to their entity on another");

                    await RegisterSessionsAsync(member, chargers);
                    acknowledgedDispatches.AddRange(await DispatchAndVerifyAsync(member, chargers, 40_000));
                    acknowledgedDispatches.AddRange(await DispatchAndVerifyAsync(member, chargers, -20_000));

                    // ---- SIGKILL the node that hosts the fleet entity (and its share of chargers and connections) ----
                    var victim = await NodeHostingAsync(member, cluster, FleetRegion.TypeName, FleetId);
                    var dead = cluster.Nodes[victim];
                    Log($"killing {dead.Name} (hosts {FleetId}) with SIGKILL");
                    var sinceKill = Stopwatch.StartNew();
                    cluster.Process(victim).Kill();
                    // Taken once the process is gone, so no acknowledgement counted below came from the dead node.
                    var killedAt = DateTimeOffset.UtcNow;

                    await WaitAsync($"{dead.Name} downed and removed", () => !member.Members().Contains(dead.Address));
                    var removed = sinceKill.Elapsed;
                    await WaitAsync("every charger acknowledged again after the kill", () => traffic.AcknowledgedSince(killedAt).Count == Chargers);
                    var chargersBack = sinceKill.Elapsed;
                    acknowledgedDispatches.AddRange(await DispatchAndVerifyAsync(member, chargers, 30_000));
                    var dispatchBack = sinceKill.Elapsed;
                    ReportRecovery(removed, chargersBack, dispatchBack);

                    // The entities that lived on the dead node recovered elsewhere from the journal.
                    await NodeHostingAsync(member, cluster, FleetRegion.TypeName, FleetId, among: cluster.Nodes.Where(n => n != dead));
                    var fleet = await FleetStateAsync(member);
                    Assert.Equal(Chargers, fleet.Members.Length);
                    Assert.Subset(fleet.RecentDispatches.Select(d => d.DispatchId).ToHashSet(), acknowledgedDispatches.ToHashSet());
                    await AssertChargerEntitiesRecoveredAsync(member, chargers, traffic.Acknowledged);
                    await AssertJournalHoldsAsync(member, traffic.Acknowledged, acknowledgedDispatches);
                    Log("after the kill: fleet and charger entities recovered on the survivors, journal holds everything acknowledged");

                    // ---- the dead node comes back, then every node leaves gracefully and returns in turn ----
                    cluster.Start(victim);
                    await WaitUpAsync($"{dead.Name} back Up", cluster, () => member.UpNodes().Count == Nodes);
                    for (var i = 0; i < Nodes; i++) await RestartGracefullyAsync(member, cluster, i);

                    var rolledAt = DateTimeOffset.UtcNow;
                    await WaitAsync("every charger acknowledged after the rolling restart", () => traffic.AcknowledgedSince(rolledAt).Count == Chargers);
                    acknowledgedDispatches.AddRange(await DispatchAndVerifyAsync(member, chargers, 25_000));
                    await AssertChargerEntitiesSpreadAsync(member, cluster);
                }
                finally
                {
                    await traffic.DisposeAsync();
                    acknowledged = traffic.Acknowledged;
                }
            }
            finally
            {
                await Task.WhenAll(chargers.Select(c => c.DisposeAsync().AsTask()));
            }

            await AssertChargerEntitiesRecoveredAsync(member, chargers, acknowledged);
            await AssertJournalHoldsAsync(member, acknowledged, acknowledgedDispatches);
            Log($"{acknowledged.Count} acknowledged TransactionEvents and {acknowledgedDispatches.Count} dispatches all found in the journal");
        }
        catch
        {
            output.WriteLine(cluster.Tails());
            throw;
        }
    }

    // ---- scenario steps -------------------------------------------------------------------------------------------

    /// <summary>Charger i connects to node i mod N first and fails over to the others in order.</summary>
    private static ChargerSimulatorOptions SimulatorOptions(TestCluster cluster, int index)
    {
        var order = Enumerable.Range(0, cluster.Nodes.Count).Select(k => cluster.Nodes[(index + k) % cluster.Nodes.Count].OcppUri).ToList();
        return new ChargerSimulatorOptions
        {
            CsmsUri = order[0],
            FailoverCsmsUris = order.Skip(1).ToList(),
            Password = TestCluster.StationPassword,
            HeartbeatOverride = TimeSpan.FromSeconds(5),
            PlugInAfter = null, // the test drives the transactions (ChargerTraffic)
            ReconnectDelay = TimeSpan.FromMilliseconds(250),
            MaxReconnectDelay = TimeSpan.FromSeconds(2),
            CallTimeout = TimeSpan.FromSeconds(20),
        };
    }

    private async Task RegisterSessionsAsync(ClusterMember member, List<SimulatedCharger> chargers)
    {
        foreach (var charger in chargers)
        {
            var bounds = new SessionBounds($"EV-{charger.StationId}", FleetId, charger.StationId, 1, MaxChargeW: 11_000, MaxDischargeW: 5_000,
                SocPercent: 60, ReservePercent: 20, TargetSocPercent: 90, EnergyRequestWh: 0, Departure: null,
                ChargerTraffic.TransactionIdOf(charger.StationId), DateTimeOffset.UtcNow);
            var answer = await RetryAsync(() => member.Sessions.Ask<object>(new RegisterVehicleSession(bounds), TimeSpan.FromSeconds(15)));
            Assert.IsType<VehicleSessionRegistered>(answer);
        }
        await WaitAsync("every session a fleet member", async () => (await FleetStateAsync(member)).Members.Length == Chargers);
        Log($"{Chargers} vehicle sessions joined {FleetId}");
    }

    /// <summary>
    /// Dispatches a target and waits until the fleet logged an answer to every frame. All accepted: every charger holds
    /// its new setpoint and they sum to the target. A frame that met its charger's entity in the middle of a shard
    /// hand-off may come back Offline; that is logged and the target dispatched again (at most twice), as a grid
    /// controller repeats a set point. Returns every dispatch id sent (all fully answered, so all must be journaled).
    /// </summary>
    private async Task<IReadOnlyList<string>> DispatchAndVerifyAsync(ClusterMember member, List<SimulatedCharger> chargers, double targetW)
    {
        var sent = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var seen = chargers.ToDictionary(c => c.StationId, c => c.SetpointsReceived.Count);
            var dispatched = await RetryAsync(() => member.Fleets.Ask<FleetTargetDispatched>(
                new DispatchFleetTarget(FleetId, targetW, TimeSpan.FromMinutes(15), "cluster-test", DateTimeOffset.UtcNow), TimeSpan.FromSeconds(15)));
            sent.Add(dispatched.DispatchId);
            Assert.Equal(Chargers, dispatched.Frames);

            DispatchRecord? log = null;
            await WaitAsync($"{dispatched.DispatchId}: every frame answered in the dispatch log", async () =>
                (log = (await FleetStateAsync(member)).RecentDispatches.SingleOrDefault(d => d.DispatchId == dispatched.DispatchId)) is { AllAnswered: true });
            var refused = log!.Frames.Where(f => f.Accepted != true).ToList();
            if (refused.Count == 0)
            {
                Assert.All(chargers, c => Assert.True(c.SetpointsReceived.Count > seen[c.StationId], $"{c.StationId} got no setpoint"));
                Assert.Equal(targetW, chargers.Sum(c => c.SetpointsReceived[^1].SetpointW), Chargers * 0.1);
                Log($"{dispatched.DispatchId}: {targetW:0} W reached all {Chargers} chargers across the cluster and was acknowledged");
                return sent;
            }
            Log($"{dispatched.DispatchId}: {refused.Count} frame(s) not accepted " +
                $"({string.Join(", ", refused.Select(f => $"{f.StationId} {f.Outcome} {f.Detail}"))}); dispatching again");
            Assert.True(attempt < 3, $"{targetW} W: frames still refused after {attempt} dispatches");
        }
    }

    private async Task RestartGracefullyAsync(ClusterMember member, TestCluster cluster, int node)
    {
        var endpoints = cluster.Nodes[node];
        var leaving = Stopwatch.StartNew();
        Assert.True(await cluster.Process(node).TerminateAsync(Within), $"{endpoints.Name} did not exit after SIGTERM");
        Assert.Equal(0, cluster.Process(node).ExitCode);
        await WaitAsync($"{endpoints.Name} removed after leaving", () => !member.Members().Contains(endpoints.Address));
        var left = leaving.Elapsed;
        cluster.Start(node);
        await WaitUpAsync($"{endpoints.Name} Up again", cluster, () => member.UpNodes().Contains(endpoints.Address));
        Log($"{endpoints.Name}: graceful leave (SIGTERM, exit 0) and removal in {left.TotalSeconds:0.0} s, Up again after {leaving.Elapsed.TotalSeconds:0.0} s");
    }

    // ---- assertions -----------------------------------------------------------------------------------------------

    /// <summary>Every node hosts some charger entities (the allocation strategy spreads the shards); station → node name.</summary>
    private async Task<IReadOnlyDictionary<string, string>> AssertChargerEntitiesSpreadAsync(ClusterMember member, TestCluster cluster)
    {
        var perNode = new Dictionary<string, IReadOnlyList<string>>();
        string Counts() => string.Join(", ", perNode.Select(kv => $"{kv.Key}={kv.Value.Count}"));
        await WaitAsync("charger entities on every node", async () =>
        {
            foreach (var node in cluster.Nodes)
                perNode[node.Name] = [.. (await member.RegionStateAsync(node, ChargerRegion.TypeName)).Shards.SelectMany(s => s.EntityIds)];
            return perNode.Values.Sum(ids => ids.Count) >= Chargers && perNode.Values.All(ids => ids.Count > 0);
        }, describe: Counts);
        Log($"charger entities per node: {Counts()}");
        return perNode.SelectMany(kv => kv.Value.Select(station => (station, kv.Key))).ToDictionary(x => x.station, x => x.Key);
    }

    /// <summary>Each entity answers with its open transaction, at least as far as the last acknowledged seqNo.</summary>
    private static async Task AssertChargerEntitiesRecoveredAsync(ClusterMember member, List<SimulatedCharger> chargers, IReadOnlyList<AcknowledgedEvent> acknowledged)
    {
        foreach (var charger in chargers)
        {
            var view = await RetryAsync(() => member.Chargers.Ask<ChargerStateView>(new GetChargerState(charger.StationId), TimeSpan.FromSeconds(15)));
            var transaction = Assert.Single(view.OpenTransactions, t => t.TransactionId == ChargerTraffic.TransactionIdOf(charger.StationId));
            var lastAcknowledged = acknowledged.Where(a => a.StationId == charger.StationId).Max(a => a.SeqNo);
            Assert.True(transaction.LastSeqNo >= lastAcknowledged,
                $"{charger.StationId}: entity at seqNo {transaction.LastSeqNo}, charger was acknowledged up to {lastAcknowledged}");
        }
    }

    /// <summary>
    /// Straight from PostgreSQL: every acknowledged TransactionEvent is journaled exactly once (retries after fail-over
    /// must not write twice), and every dispatch acknowledged by all chargers has its record, each dispatch id once.
    /// </summary>
    private async Task AssertJournalHoldsAsync(ClusterMember member, IReadOnlyList<AcknowledgedEvent> acknowledged, List<string> dispatches)
    {
        var transactions = (await JournalReader.ReadAsync(database.ConnectionString, member.System, "charger-"))
            .Where(e => e.Event is TransactionEventRecorded)
            .Select(e => (Station: e.PersistenceId["charger-".Length..], ((TransactionEventRecorded)e.Event).TransactionId, ((TransactionEventRecorded)e.Event).SeqNo))
            .ToList();
        var duplicates = transactions.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"journaled twice: {string.Join(", ", duplicates.Take(10))}");
        var journaled = transactions.ToHashSet();
        var missing = acknowledged.Where(a => !journaled.Contains((a.StationId, a.TransactionId, a.SeqNo))).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged TransactionEvents are not in the journal: " +
            string.Join(", ", missing.Take(10)));

        var dispatchIds = (await JournalReader.ReadAsync(database.ConnectionString, member.System, FleetActor.PersistenceIdFor(FleetId)))
            .Select(e => e.Event).OfType<FleetDispatchStarted>().Select(d => d.Dispatch.DispatchId).ToList();
        Assert.Equal(dispatchIds.Count, dispatchIds.Distinct().Count());
        Assert.Subset(dispatchIds.ToHashSet(), dispatches.ToHashSet());

        // cluster-node.json keeps the charger region's remembered entities in the journal too (Akka's event-sourced
        // store, persistence ids /sharding/chargerShard/{shard}), which is how they restarted on the survivors.
        Assert.True(await JournalReader.CountAsync(database.ConnectionString, $"/sharding/{ChargerRegion.TypeName}Shard/") > 0,
            "no remembered charger entities in the journal");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Task<FleetStateView> FleetStateAsync(ClusterMember member) =>
        member.Fleets.Ask<FleetStateView>(new GetFleetState(FleetId), TimeSpan.FromSeconds(15));

    /// <summary>The index of the node whose region of <paramref name="typeName"/> holds <paramref name="entityId"/>.</summary>
    private static async Task<int> NodeHostingAsync(ClusterMember member, TestCluster cluster, string typeName, string entityId,
        IEnumerable<NodeEndpoints>? among = null)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            foreach (var node in among ?? cluster.Nodes)
            {
                try
                {
                    var state = await member.RegionStateAsync(node, typeName);
                    if (state.Shards.Any(s => s.EntityIds.Contains(entityId))) return cluster.Nodes.ToList().IndexOf(node);
                }
                catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
                {
                }
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no node hosts {typeName}/{entityId}");
            await Task.Delay(250);
        }
    }

    /// <summary>Asks again while the target's shard is moving (an ask into a re-allocating shard may time out).</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> ask)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            try
            {
                return await ask();
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }

    /// <summary>Waits for membership, failing at once (with its output) if a node process died meanwhile.</summary>
    private Task WaitUpAsync(string what, TestCluster cluster, Func<bool> condition, TimeSpan? within = null) =>
        WaitAsync(what, () =>
        {
            cluster.ThrowIfAnyExited();
            return condition();
        }, within);

    private Task WaitAsync(string what, Func<bool> condition, TimeSpan? within = null) =>
        WaitAsync(what, () => Task.FromResult(condition()), within);

    private async Task WaitAsync(string what, Func<Task<bool>> condition, TimeSpan? within = null, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Within);
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
            {
                // A busy machine or a moving shard delays one answer; keep polling until the deadline.
            }
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not within {within ?? Within}: {what}. {describe?.Invoke()}");
            await Task.Delay(200);
        }
    }

    private void Log(string line) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}");

    /// <summary>Printed and reported, never asserted: the shared machine's load decides these numbers.</summary>
    private void ReportRecovery(TimeSpan removed, TimeSpan chargersBack, TimeSpan dispatchBack)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"cluster node loss (3 node processes, {Chargers} chargers, SIGKILL of the node hosting the fleet; measured under shared load): " +
            $"dead member removed after {removed.TotalSeconds:0.0} s, every charger acknowledged again after {chargersBack.TotalSeconds:0.0} s, " +
            $"dispatch answered by all chargers after {dispatchBack.TotalSeconds:0.0} s");
        Log(line);
        Console.WriteLine(line);
        TestReport.Line(line);
    }
}
