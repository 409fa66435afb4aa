using System.Diagnostics;
using System.Threading.Channels;
using V2gActors.Iso15118.Secc;
using V2gActors.Simulators.Vehicles;
using V2gActors.TestSupport;
using Xunit.Abstractions;

namespace V2gActors.Iso15118.Tests.EndToEnd;

/// <summary>
/// The whole stack on loopback: SDP over UDP, TCP + TLS 1.3, supportedAppProtocol, and a -20 DC BPT Dynamic session
/// driven by the EV simulator, while the test plays dispatch and moves the session's held setpoint.
/// </summary>
public sealed class DcBptDynamicSessionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_ev_completes_a_bpt_dynamic_session_and_the_next_loop_after_a_setpoint_change_discharges()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var secc = LoopbackSecc.Start(initial: new SeccSetpoint(7_000));
        var observations = Channel.CreateUnbounded<ChargeLoopObservation>();
        var discharging = 0;
        var options = new EvccSimulatorOptions
        {
            SdpServer = secc.Sdp.LocalEndPoint,
            TrustedRoot = secc.Pki.RootPublic,
            ChargeLoopInterval = TimeSpan.FromMilliseconds(10),
            MaxChargeLoops = 600,
            OnChargeLoop = o => observations.Writer.TryWrite(o),
            // Enough discharging loops after the change to see it hold and to measure the loop.
            StopWhen = o => o.TargetPowerW < 0 && ++discharging >= 100,
        };

        var run = EvccSimulator.RunAsync(options, timeout.Token);
        var session = await secc.FirstSession.WaitAsync(timeout.Token);
        var charging = 0;
        await foreach (var o in observations.Reader.ReadAllAsync(timeout.Token))
            if (o.TargetPowerW == 7_000 && ++charging == 20) break;
        // Bracket the update: a request sent between the two instants may see either value.
        var changeStarted = Stopwatch.GetTimestamp();
        session.UpdateSetpoint(new SeccSetpoint(-5_000));
        var changedAt = Stopwatch.GetTimestamp();

        var result = await run.WaitAsync(timeout.Token);
        var end = await session.Completion.WaitAsync(timeout.Token);

        Assert.True(result.Completed, result.Failure);
        Assert.Equal(SeccEndReason.Terminated, end.Reason);
        Assert.Contains("SessionStop: OK", result.Exchanges);
        Assert.Equal("DE*V2G*E0001*1", result.EvseId);

        var loops = result.ChargeLoops;
        Assert.All(loops.Where(o => o.ReceivedTimestamp < changeStarted), o => Assert.Equal(7_000, o.TargetPowerW));
        var afterChange = loops.Where(o => o.SentTimestamp > changedAt).ToList();
        Assert.NotEmpty(afterChange);
        Assert.All(afterChange, o => Assert.Equal(-5_000, o.TargetPowerW));
        // "The next" request: at most one exchange was in flight while the setpoint changed.
        var lastBefore = loops.Last(o => o.SentTimestamp <= changedAt).Index;
        Assert.Equal(lastBefore + 1, afterChange[0].Index);

        // The EV's bounds reached the seam while the session ran.
        Assert.Contains(secc.Bounds.Learned, b => b.MaxDischargePowerW == 11_000 && b.PresentSocPercent is not null);

        ReportRoundTrips(loops);
    }

    private void ReportRoundTrips(IReadOnlyList<ChargeLoopObservation> loops)
    {
        var ms = loops.Select(o => o.RoundTrip.TotalMilliseconds).Order().ToArray();
        double P(double q) => ms[Math.Min(ms.Length - 1, (int)Math.Ceiling(q * ms.Length) - 1)];
        var line = $"ISO 15118-20 DC_ChargeLoop round trip over TLS 1.3 loopback (EV side, n={ms.Length}): " +
                   $"p50 {P(0.5):0.00} ms, p90 {P(0.9):0.00} ms, p99 {P(0.99):0.00} ms, max {ms[^1]:0.00} ms (-20 budget 250 ms)";
        output.WriteLine(line);
        TestReport.Line(line);
    }
}
