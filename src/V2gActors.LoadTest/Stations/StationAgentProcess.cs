using System.Diagnostics;
using System.Text;
using Akka.Actor;
using V2gActors.LoadTest.Chargers;

namespace V2gActors.LoadTest.Stations;

/// <summary>
/// The parent's handle on one station agent: starts <c>dotnet V2gActors.LoadTest.dll station-agent …</c>, reads its
/// lines on a task of its own (receipts into the scenario's <see cref="ISetpointTap"/>, timed setup CALLs into the
/// recorder, station states into <see cref="Ready"/>) and closes it on dispose.
/// </summary>
public sealed class StationAgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromMinutes(2);
    private readonly Process _process;
    private readonly ISetpointTap _tap;
    private readonly IActorRef _recorder;
    private readonly List<StationState> _stations = [];
    private readonly TaskCompletionSource<IReadOnlyList<StationState>> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _stdin = new(1, 1);
    private readonly Task _reader;
    private TaskCompletionSource<AgentPong>? _pong;
    private long _receipts;
    private long _pings;

    private StationAgentProcess(Process process, ISetpointTap tap, IActorRef recorder)
    {
        _process = process;
        _tap = tap;
        _recorder = recorder;
        _reader = Task.Run(ReadLinesAsync);
    }

    public int ProcessId => _process.Id;

    /// <summary>Setpoint frames this agent's stations received, as far as their lines have been read.</summary>
    public long Receipts => Interlocked.Read(ref _receipts);

    /// <summary>Every station's state, once the agent has set them all up.</summary>
    public Task<IReadOnlyList<StationState>> Ready => _ready.Task;

    public static StationAgentProcess Start(StationAgentOptions options, ISetpointTap tap, IActorRef recorder)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(StationAgent).Assembly.Location);
        foreach (var a in options.ToArguments()) start.ArgumentList.Add(a);
        // The agent is a client: workstation GC, so three processes with server GC do not each bring a GC thread and
        // heap per core to a 2-core machine.
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the station agent");
        return new StationAgentProcess(process, tap, recorder);
    }

    /// <summary>
    /// Round trip to the child: checks it reads the parent's clock (<see cref="SharedClock.EnsureCausal"/>) and, since
    /// the child answers after every receipt it saw before the ping, leaves none of those in the pipe.
    /// </summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _stdin.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var token = ++_pings;
            var pong = new TaskCompletionSource<AgentPong>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _pong, pong);
            var sent = Stopwatch.GetTimestamp();
            await WriteLineAsync(AgentProtocol.Ping(token)).ConfigureAwait(false);
            var answer = await pong.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            var received = Stopwatch.GetTimestamp();
            if (answer.Token != token) throw new InvalidOperationException($"station agent answered ping {answer.Token}, expected {token}");
            SharedClock.EnsureCausal(sent, answer.At, received);
        }
        finally
        {
            _stdin.Release();
        }
    }

    /// <summary>Tells the agent to close its sockets and waits for it to exit; kills it if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _stdin.WaitAsync().ConfigureAwait(false);
                try { await WriteLineAsync(AgentProtocol.Close).ConfigureAwait(false); }
                finally { _stdin.Release(); }
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // A broken pipe (the agent already died) or no exit in time: make sure it is gone.
            Console.Error.WriteLine($"station agent {_process.Id}: {ex.Message}; killing it");
            _process.Kill(entireProcessTree: true);
        }
        await _reader.ConfigureAwait(false);
        _process.Dispose();
        _stdin.Dispose();
    }

    private async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    private async Task ReadLinesAsync()
    {
        var stdout = _process.StandardOutput;
        try
        {
            while (await stdout.ReadLineAsync().ConfigureAwait(false) is { } line) Handle(AgentProtocol.Parse(line));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or IOException)
        {
            _ready.TrySetException(ex);
            Volatile.Read(ref _pong)?.TrySetException(ex);
            // Keep draining so the agent never blocks on a full pipe and can still exit when told to close.
            try { await stdout.ReadToEndAsync().ConfigureAwait(false); }
            catch (IOException) { /* already gone */ }
        }
        var exit = _process.WaitForExit(5000) ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
        var gone = new InvalidOperationException($"station agent {_process.Id} ended its output (exit code {exit})");
        _ready.TrySetException(gone);
        Volatile.Read(ref _pong)?.TrySetException(gone);
    }

    private void Handle(AgentMessage message)
    {
        switch (message)
        {
            case AgentReceipt r:
                Interlocked.Increment(ref _receipts);
                _tap.Received(r.At);
                break;
            case AgentFrame f:
                _recorder.Tell(f.Frame);
                break;
            case AgentStation s:
                _stations.Add(s.State);
                break;
            case AgentReady r when r.Count == _stations.Count:
                _ready.TrySetResult(_stations.ToArray());
                break;
            case AgentReady r:
                throw new InvalidOperationException($"station agent reported {_stations.Count} stations, then ready with {r.Count}");
            case AgentPong p:
                Volatile.Read(ref _pong)?.TrySetResult(p);
                break;
            case AgentHello h:
                SharedClock.EnsureMonotonicNanoseconds(h.Frequency);
                break;
            case AgentClosed:
                // Its sockets are closed; the process exit that follows is what DisposeAsync waits for.
                break;
        }
    }

    /// <summary><c>dotnet</c> that runs this process (console runner) or the SDK's (under <c>dotnet test</c>, where this
    /// process is the test host), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdk ? sdk : "dotnet";
    }
}
