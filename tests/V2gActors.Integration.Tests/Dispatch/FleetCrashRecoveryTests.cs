using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Sessions;
using V2gActors.Engine.Stations;
using V2gActors.Node.Hosting;
using Xunit.Abstractions;

namespace V2gActors.Integration.Tests.Dispatch;

/// <summary>
/// A real crash: the node runs as a child process (<c>dotnet V2gActors.Node.dll --demo</c>, SQLite) whose demo chargers
/// belong to the configured fleet "north"; their EVs join it through NotifyEVChargingNeeds and the demo changes the fleet's
/// target. The child is SIGKILLed mid-run; a node started on the same database must recover the fleet's membership, its
/// active target, its dispatch log and layout, and the station and session entities behind them.
/// </summary>
public sealed partial class FleetCrashRecoveryTests(ITestOutputHelper output)
{
    private const string FleetId = "north";
    private const int Chargers = 6;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(120);

    [GeneratedRegex(@"Demo dispatch \| north: new target (-?[0-9.]+) kW")]
    private static partial Regex NewTarget();

    [Fact]
    public async Task Fleet_membership_active_target_and_dispatch_log_survive_a_SIGKILL()
    {
        var file = TempFiles.SqlitePath();
        var workDir = Path.GetDirectoryName(file)!;
        Directory.CreateDirectory(workDir);
        var targets = new List<double>();
        var lines = new List<string>();
        var secondTarget = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (var child = StartChild(file, workDir))
        {
            void OnLine(string? line)
            {
                if (line is null) return;
                lock (lines)
                {
                    lines.Add(line);
                    if (NewTarget().Match(line) is { Success: true } m)
                    {
                        targets.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000);
                        if (targets.Count == 2) secondTarget.TrySetResult();
                    }
                }
            }
            child.OutputDataReceived += (_, e) => OnLine(e.Data);
            child.ErrorDataReceived += (_, e) => OnLine(e.Data);
            child.BeginOutputReadLine();
            child.BeginErrorReadLine();
            try
            {
                // The demo gives the fleet a target once its EVs joined, then a new one every TargetEverySeconds (6 s).
                var done = await Task.WhenAny(secondTarget.Task, child.WaitForExitAsync(), Task.Delay(Within));
                Assert.True(done == secondTarget.Task, $"the child never announced two targets. Output:\n{Tail(lines)}");
                // Well inside the 6 s before the next target: the journal (written beside the frames) has caught up.
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
            finally
            {
                if (!child.HasExited) child.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
                await child.WaitForExitAsync();
            }
        }
        output.WriteLine($"targets announced before the kill: {string.Join(", ", targets)} W");

        await using var node = await TestNode.StartAsync(file);
        var registry = node.App.Services.GetRequiredService<ActorRegistry>();
        var fleets = await registry.GetAsync<FleetRegion>();
        var after = await fleets.Ask<FleetStateView>(new GetFleetState(FleetId), TimeSpan.FromSeconds(30));

        Assert.Equal(Chargers, after.Members.Length);
        Assert.All(after.Members, m => Assert.StartsWith("SIM-0000", m.Bounds.StationId, StringComparison.Ordinal));
        Assert.Equal(targets[^1], after.TargetW!.Value, 60d);
        var logged = after.RecentDispatches.Select(d => d.TargetW).ToList();
        Assert.All(targets, t => Assert.Contains(logged, w => Math.Abs(w - t) < 60));
        Assert.Contains(after.RecentDispatches, d => d.Frames.Length == Chargers && d.Frames.All(f => f.AckedAt is not null));
        Assert.Equal(50, after.Layout!.Stations.Length);

        // The entities behind the fleet: each member's station knows its fleet and session, each session its bounds and setpoint.
        var stations = await registry.GetAsync<StationDispatchRegion>();
        var sessions = await registry.GetAsync<VehicleSessionRegion>();
        foreach (var member in after.Members)
        {
            var station = await stations.Ask<StationDispatchView>(new GetStationDispatchState(member.Bounds.StationId), TimeSpan.FromSeconds(30));
            Assert.Equal(FleetId, station.FleetId);
            Assert.Equal(member.Bounds.SessionId, Assert.Single(station.Sessions).SessionId);
            var session = await sessions.Ask<VehicleSessionView>(new GetVehicleSessionState(member.Bounds.SessionId), TimeSpan.FromSeconds(30));
            Assert.Equal(member.Bounds, session.Bounds);
            Assert.Null(session.EndedAt);
            Assert.NotNull(session.HeldSetpointW);
        }
    }

    private Process StartChild(string sqliteFile, string workDir)
    {
        var node = NodeDll();
        string[] args =
        [
            node, "--demo",
            "--V2g:Ocpp:Urls=http://127.0.0.1:0", "--V2g:Remoting:Port=0", "--V2g:CommandHost:Enabled=false",
            "--V2g:Metrics:Enabled=false", // a fixed port (8080) would collide with anything else on the machine
            $"--V2g:Persistence:ConnectionString=Data Source={sqliteFile}",
            $"--V2g:Demo:Chargers={Chargers}", "--V2g:Demo:ConnectPerSecond=0", "--V2g:Demo:PlugInAfterSeconds=0.5",
            "--V2g:Demo:TransactionSeconds=3600", "--V2g:Demo:MeterIntervalSeconds=1", "--V2g:Demo:SummaryEverySeconds=1",
            "--V2g:Demo:TargetEverySeconds=6", "--V2g:Demo:HeartbeatSeconds=30",
        ];
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        output.WriteLine($"child: dotnet {string.Join(' ', args)}");
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>The node's assembly as built beside this test (with its runtimeconfig.json and config/).</summary>
    private static string NodeDll()
    {
        var dll = typeof(NodeHost).Assembly.Location;
        Assert.True(File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")), $"{dll} has no runtimeconfig.json beside it");
        return dll;
    }

    private static string Tail(List<string> lines)
    {
        lock (lines) return string.Join('\n', lines.TakeLast(60));
    }
}
