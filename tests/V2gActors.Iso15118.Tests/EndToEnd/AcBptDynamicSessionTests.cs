using V2gActors.Iso15118.Secc;
using V2gActors.Simulators.Vehicles;

namespace V2gActors.Iso15118.Tests.EndToEnd;

/// <summary>AC BPT Dynamic end to end on loopback: SDP, TCP + TLS 1.3, supportedAppProtocol (-20 AC), the AC sequence.</summary>
public sealed class AcBptDynamicSessionTests
{
    [Fact]
    public async Task The_ev_completes_an_ac_bpt_dynamic_session_and_follows_a_setpoint_into_discharge()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var secc = LoopbackSecc.Start(initial: new SeccSetpoint(6_000));
        SeccSessionContext? session = null;
        var discharging = 0;
        var options = new EvccSimulatorOptions
        {
            SdpServer = secc.Sdp.LocalEndPoint,
            TrustedRoot = secc.Pki.RootPublic,
            EnergyTransfer = EnergyTransferKind.Ac,
            ChargeLoopInterval = TimeSpan.FromMilliseconds(10),
            MessageTimeout = TimeSpan.FromSeconds(10),
            MaxChargeLoops = 2_000,
            // After ten charging loops, dispatch turns the session to discharge; stop after ten discharging ones.
            OnChargeLoop = o =>
            {
                if (o.Index == 10) session?.UpdateSetpoint(new SeccSetpoint(-4_000));
            },
            StopWhen = o => o.TargetPowerW < 0 && ++discharging >= 10,
        };

        var run = EvccSimulator.RunAsync(options, timeout.Token);
        session = await secc.FirstSession.WaitAsync(timeout.Token);
        var result = await run.WaitAsync(timeout.Token);
        var end = await session.Completion.WaitAsync(timeout.Token);

        Assert.True(result.Completed, result.Failure);
        Assert.Equal(SeccEndReason.Terminated, end.Reason);
        Assert.Contains("AC_ChargeParameterDiscovery: OK", result.Exchanges);
        Assert.DoesNotContain(result.Exchanges, e => e.StartsWith("DC_", StringComparison.Ordinal));
        Assert.Contains("SessionStop: OK", result.Exchanges);
        Assert.Contains(result.ChargeLoops, o => o.TargetPowerW == 6_000);
        Assert.Equal(-4_000, result.ChargeLoops[^1].TargetPowerW);
        // The loop right after the change (index 11) already carries it: answered from the held value.
        Assert.All(result.ChargeLoops.Where(o => o.Index > 10), o => Assert.Equal(-4_000, o.TargetPowerW));
        Assert.Contains(secc.Bounds.Learned, b => b.MaxDischargePowerW == 11_000 && b.PresentSocPercent is not null);
    }
}
