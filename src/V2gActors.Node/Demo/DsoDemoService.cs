using System.Globalization;
using Microsoft.Extensions.Options;
using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.State;
using V2gActors.Node.Csip;

namespace V2gActors.Node.Demo;

/// <summary>
/// With <c>--demo</c>: a scripted DSO publishing, one after another and again, a frequency event (opModFreqDroop), a
/// voltage event (opModVoltVar curve) and an export-limit event (opModMaxLimWInject) on the demo head-end, and a summary
/// line showing the grid control the node's CSIP client has in force, the Responses it posted and what the head-end has.
/// </summary>
public sealed class DsoDemoService(
    DsoDemo dso,
    IOptions<DsoDemoOptions> options,
    IOptions<DemoOptions> demo,
    CsipStatusBoard board,
    IHostApplicationLifetime lifetime,
    ILogger<DsoDemoService> logger) : BackgroundService
{
    private const string VoltVarCurveHref = "/derp/1/dc/1";
    private int _events;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStarted.IsCancellationRequested) { }
        if (stoppingToken.IsCancellationRequested) return;

        var server = await dso.StartAsync(stoppingToken).ConfigureAwait(false);
        logger.LogInformation("Demo DSO: 2030.5 head-end at {Address}dcap (mutual TLS, development PKI)", server.BaseAddress);
        server.State.Programs.AddCurve(DsoDemo.ProgramId, VoltVarCurve());

        var o = options.Value;
        var step = TimeSpan.FromSeconds(Math.Max(1, o.StepSeconds));
        var summary = TimeSpan.FromSeconds(Math.Max(1, demo.Value.SummaryEverySeconds));
        var nextEvent = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5);
        var nextSummary = DateTimeOffset.UtcNow + summary;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = DateTimeOffset.UtcNow;
                if (now >= nextEvent)
                {
                    Publish(server.State.Programs, now.ToUnixTimeSeconds(), (uint)Math.Max(1, o.EventSeconds));
                    nextEvent = now + step;
                }
                if (now >= nextSummary)
                {
                    nextSummary = now + summary;
                    logger.LogInformation("Demo DSO | {Fleets} | head-end: {Responses} responses, {Mirrors} metering readings",
                        string.Join(" || ", board.Fleets), server.State.Responses.All.Count,
                        server.State.Mirrors.OwnedBy(DemoAggregatorLfdi(server)).Sum(m => server.State.Mirrors.ReadingsOf(m.Id).Count));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The next event of the script: frequency droop, then volt-var, then an export limit, round and round.</summary>
    private void Publish(DerProgramCatalog programs, long now, uint duration)
    {
        var (description, modes) = (_events++ % 3) switch
        {
            0 => ("Frequency event: droop 5 %, ±36 mHz deadband", new DERControlBase
            {
                OpModFreqDroop = new FreqDroopType { DBOF = 36, DBUF = 36, KOF = 50, KUF = 50, OpenLoopTms = 100 },
            }),
            1 => ("Voltage event: volt-var", new DERControlBase { OpModVoltVar = new DERCurveLink { Href = VoltVarCurveHref } }),
            _ => ("Export limit 5 kW", new DERControlBase
            {
                OpModMaxLimWInject = new UnsignedActivePowerControlType { Value = 5, Multiplier = 3 },
            }),
        };
        var mrid = new byte[16];
        mrid[0] = 0xD5;
        BitConverter.GetBytes(_events).CopyTo(mrid, 12);
        programs.AddControl(DsoDemo.ProgramId, new DERControl
        {
            MRID = mrid, Description = description, CreationTime = now,
            EventStatus = new EventStatus { CurrentStatus = 0, DateTime = now },
            // Starts a moment later, so the node reports "received" before "started".
            Interval = new DateTimeInterval { Start = now + 2, Duration = duration },
            DERControlBase = modes, ResponseRequired = [0x03],
        });
        logger.LogInformation("Demo DSO: published {Description} (event {Mrid}, {Duration} s)", description, Convert.ToHexString(mrid),
            duration.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The volt-var curve of IEEE 1547 category B: inject below 98 % V, absorb above 102 % V.</summary>
    private static DERCurve VoltVarCurve() => new()
    {
        MRID = Convert.FromHexString("D5C00000000000000000000000000001"), Description = "Volt-var (demo)", CreationTime = 0,
        CurveType = 11, XMultiplier = -2, YMultiplier = 0, YRefType = 3, OpenLoopTms = 500,
        CurveData =
        [
            new CurveData { Xvalue = 9_200, Yvalue = 44 }, new CurveData { Xvalue = 9_800, Yvalue = 0 },
            new CurveData { Xvalue = 10_200, Yvalue = 0 }, new CurveData { Xvalue = 10_800, Yvalue = -44 },
        ],
    };

    private static string DemoAggregatorLfdi(Ieee2030_5.Server.HeadEndServer server) =>
        server.State.Devices.Find(1)?.OwnerLfdi ?? "";
}
