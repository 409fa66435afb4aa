using System.Diagnostics;
using Akka.Actor;
using V2gActors.LoadTest.Recording;
using V2gActors.LoadTest.Scenarios;

namespace V2gActors.LoadTest.Stations;

/// <summary>
/// <c>V2gActors.LoadTest.dll station-agent …</c>: hosts one slice of a dispatch scenario's stations in a child process
/// (<see cref="ChildProcessStations"/> starts it). Connects, boots and opens a transaction at each station, reports
/// their states, then streams every setpoint receipt until the parent says <c>close</c>; exits at once if its stdin
/// ends (the parent is gone: the kernel closes the sockets).
/// </summary>
public static class StationAgent
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var options = StationAgentOptions.Parse(args);
        // stdout carries the protocol alone; anything else that writes to the console (Akka's logger) goes to stderr.
        var protocol = Console.OpenStandardOutput();
        Console.SetOut(Console.Error);
        await using var output = new AgentOutput(protocol);
        output.Send(new AgentHello(Stopwatch.Frequency));

        using var closing = new CancellationTokenSource();
        var commands = Task.Run(() => ReadCommands(output, closing));
        using var system = ActorSystem.Create("station-agent", "akka.loglevel = WARNING");
        var probe = new LatencyProbe(system.ActorOf(ForwardingRecorderActor.Props(output), "recorder"), options.CallTimeout);
        var fleet = LoadFleet.Create(options.Prefix, options.From, options.Count);
        try
        {
            foreach (var c in fleet.Chargers) c.Tap = output;
            var states = await fleet.OpenTransactionsAsync(options.Url, options.Password, probe, options.Concurrency, closing.Token)
                .ConfigureAwait(false);
            foreach (var state in states) output.Send(new AgentStation(state));
            output.Send(new AgentReady(states.Count));
            await Task.Delay(Timeout.Infinite, closing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The parent said close (possibly during setup): fall through to closing the sockets.
        }
        await fleet.DisposeAsync().ConfigureAwait(false);
        // Let the recorder forward the last timed frames before the final line.
        await system.Terminate().ConfigureAwait(false);
        output.Send(new AgentClosed());
        await commands.ConfigureAwait(false);
        return 0;
    }

    /// <summary>Answers pings, cancels on close; ends the process when stdin ends without a close.</summary>
    private static void ReadCommands(AgentOutput output, CancellationTokenSource closing)
    {
        using var stdin = new StreamReader(Console.OpenStandardInput());
        while (stdin.ReadLine() is { } line)
        {
            if (AgentProtocol.TryParsePing(line, out var token)) output.Send(new AgentPong(token, Stopwatch.GetTimestamp()));
            else if (line == AgentProtocol.Close) { closing.Cancel(); return; }
        }
        Console.Error.WriteLine("station-agent: stdin closed without 'close' (parent gone), exiting");
        Environment.Exit(3);
    }
}
