using System.Diagnostics;
using System.Runtime.InteropServices;

namespace V2gActors.Cluster.Tests;

/// <summary>
/// One V2gActors node as an operating-system process (<c>dotnet V2gActors.Node.dll</c>, exactly as operators and the
/// container run it), with its console output kept for diagnostics. <see cref="Kill"/> is SIGKILL of the whole process
/// tree; <see cref="TerminateAsync"/> is SIGTERM, which runs the node's coordinated shutdown (graceful leave).
/// Disposing always kills whatever is still running.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private const int SigTerm = 15;
    private const int LinesKept = 400;

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static NodeProcess Start(string name, string nodeDll, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(nodeDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // Three nodes share two cores with other test runs: workstation GC keeps each process small.
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"{name}: dotnet did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The latest console lines (oldest first).</summary>
    public string Tail(int count = 60)
    {
        lock (_gate) return string.Join(Environment.NewLine, _lines.Skip(Math.Max(0, _lines.Count - count)));
    }

    /// <summary>SIGKILL, no shutdown of any kind: the node vanishes mid-flight. Returns once the process is gone.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM and wait for the process to exit on its own; false if it did not within <paramref name="within"/>.</summary>
    public async Task<bool> TerminateAsync(TimeSpan within)
    {
        if (_process.HasExited) return true;
        if (SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"{Name}: SIGTERM failed (errno {Marshal.GetLastPInvokeError()})");
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > LinesKept) _lines.Dequeue();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
