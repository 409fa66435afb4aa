using System.Net;
using System.Net.Sockets;

namespace V2gActors.Cluster.Tests;

/// <summary>Where one node listens: the OCPP WebSocket port and the Akka remoting port, both on loopback.</summary>
public sealed record NodeEndpoints(string Name, int OcppPort, int RemotingPort)
{
    public string Address => $"akka.tcp://v2g@127.0.0.1:{RemotingPort}";

    /// <summary><c>ws://127.0.0.1:{port}/ocpp</c> (the simulator appends the station id).</summary>
    public Uri OcppUri => new($"ws://127.0.0.1:{OcppPort}/ocpp");
}

/// <summary>
/// N node processes on PostgreSQL, configured like the container (<c>config/cluster-node.json</c>) with only the
/// addresses overridden: loopback, free ports chosen at runtime, every node a seed. A node restarted after a kill or
/// a graceful leave comes back on the same ports, as a container would.
/// </summary>
public sealed class TestCluster : IDisposable
{
    /// <summary>The password of the fleet-wide <c>*</c> credential shipped in config/node.json.</summary>
    public const string StationPassword = "demo-fleet-secret";

    private readonly NodeProcess?[] _processes;
    private readonly string _workDirectory;

    public TestCluster(int nodes, string connectionString)
    {
        ConnectionString = connectionString;
        var ports = FreePorts(nodes * 2);
        Nodes = [.. Enumerable.Range(0, nodes).Select(i => new NodeEndpoints($"node{i + 1}", ports[2 * i], ports[2 * i + 1]))];
        _processes = new NodeProcess?[nodes];
        _workDirectory = Directory.CreateTempSubdirectory("v2g-cluster-test-").FullName;
    }

    public IReadOnlyList<NodeEndpoints> Nodes { get; }

    public string ConnectionString { get; }

    public IEnumerable<string> SeedNodes => Nodes.Select(n => n.Address);

    public NodeProcess Process(int node) => _processes[node] ?? throw new InvalidOperationException($"{Nodes[node].Name} never started");

    /// <summary>Starts (or restarts, after it exited) node <paramref name="node"/>.</summary>
    public void Start(int node)
    {
        if (_processes[node] is { HasExited: false }) throw new InvalidOperationException($"{Nodes[node].Name} is still running");
        _processes[node]?.Dispose();
        var directory = Directory.CreateDirectory(Path.Combine(_workDirectory, Nodes[node].Name)).FullName;
        _processes[node] = NodeProcess.Start(Nodes[node].Name, NodeBinary.Dll, Arguments(Nodes[node]), directory);
    }

    public void StartAll()
    {
        for (var i = 0; i < Nodes.Count; i++) Start(i);
    }

    /// <summary>Every node's latest console lines, for a failing test's message.</summary>
    public string Tails(int lines = 40) => string.Join(Environment.NewLine, _processes
        .Select((p, i) => p is null ? "" : $"----- {Nodes[i].Name} (pid {p.Id}{(p.HasExited ? $", exited {p.ExitCode}" : "")}) -----{Environment.NewLine}{p.Tail(lines)}"));

    public void Dispose()
    {
        foreach (var process in _processes) process?.Dispose();
        try { Directory.Delete(_workDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private IEnumerable<string> Arguments(NodeEndpoints node)
    {
        yield return "--config";
        yield return Path.Combine(NodeBinary.Directory, "config", "cluster-node.json");
        yield return "--postgres";
        yield return ConnectionString;
        yield return "--V2g:Remoting:Hostname=127.0.0.1";
        yield return $"--V2g:Remoting:Port={node.RemotingPort}";
        yield return $"--V2g:Ocpp:Urls=http://127.0.0.1:{node.OcppPort}";
        // Other test runs share the machine: no fixed command-host port.
        yield return "--V2g:CommandHost:Enabled=false";
        // Three processes on one machine: /metrics would bind the same default port in each.
        yield return "--V2g:Metrics:Enabled=false";
        // The test's charger traffic carries no power readings: without this the fleet would (rightly) freeze its members
        // as silent a minute after they joined, and the dispatch after the rolling restart would have nobody to move.
        yield return "--V2g:Dispatch:StaleTelemetrySeconds=3600";
        var seeds = SeedNodes.ToList();
        for (var i = 0; i < seeds.Count; i++) yield return $"--V2g:SeedNodes:{i}={seeds[i]}";
    }

    /// <summary>
    /// Free loopback ports below the kernel's ephemeral range: a node binds its ports seconds after they were chosen,
    /// and on a busy machine an ephemeral port may meanwhile be taken by any outgoing connection (PostgreSQL, remoting,
    /// other test runs). Ports under the range are only taken by listeners that ask for them. Each candidate is held
    /// open until all are chosen, so none is handed out twice.
    /// </summary>
    private static int[] FreePorts(int count)
    {
        var ephemeralStart = EphemeralRangeStart();
        var low = Math.Max(1024, ephemeralStart - 12_000);
        var listeners = new List<TcpListener>();
        try
        {
            while (listeners.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, Random.Shared.Next(low, ephemeralStart));
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    // Taken: try another.
                }
            }
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out var start)
            ? start
            : 32_768;
    }

    /// <summary>Fails at once with the node's output when a node process has died (e.g. a port was taken after all).</summary>
    public void ThrowIfAnyExited()
    {
        for (var i = 0; i < _processes.Length; i++)
            if (_processes[i] is { HasExited: true } p)
                throw new InvalidOperationException($"{Nodes[i].Name} exited with {p.ExitCode}:{Environment.NewLine}{p.Tail()}");
    }
}

/// <summary>The node executable built beside this test (src/V2gActors.Node/bin/{Configuration}/{tfm}/).</summary>
public static class NodeBinary
{
    public static string Directory { get; } = Locate();

    public static string Dll => Path.Combine(Directory, "V2gActors.Node.dll");

    private static string Locate()
    {
        // This test runs from tests/V2gActors.Cluster.Tests/bin/{Configuration}/{tfm}/; the node was built the same way.
        var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = self.Name;
        var configuration = self.Parent!.Name;
        for (var dir = self; dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "V2gActors.sln"))) continue;
            var candidate = Path.Combine(dir.FullName, "src", "V2gActors.Node", "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, "V2gActors.Node.dll"))) return candidate;
            throw new FileNotFoundException($"V2gActors.Node.dll not found in {candidate}: build the solution first.");
        }
        throw new DirectoryNotFoundException($"No V2gActors.sln above {AppContext.BaseDirectory}.");
    }
}
