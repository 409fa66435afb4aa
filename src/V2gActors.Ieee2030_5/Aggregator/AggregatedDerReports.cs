using System.Security.Cryptography;
using System.Text;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Aggregator;

/// <summary>
/// One aggregated DER (a fleet of vehicles behind chargers) as the reports need it, import positive:
/// the members' summed ratings, the setpoints the chargers hold, the metered power and the average state of charge.
/// </summary>
public sealed record AggregatedDer(
    int Members,
    double MaxChargeW,
    double MaxDischargeW,
    double HeldW,
    double? ActualW,
    double? AverageSocPercent,
    double? AverageReservePercent);

/// <summary>
/// The four DER documents and the mirror metering an aggregator uploads for one aggregated DER, built from live fleet
/// numbers. 2030.5 reports power in the generator convention (output positive) for DER ratings and availability, and
/// metering with flowDirection "forward" (delivered to the site = import positive), which is what the fleet measures.
/// </summary>
public static class AggregatedDerReports
{
    /// <summary>DERControlType bits we can follow: charge, discharge, fixedW, freqDroop, freqWatt, maxLimW, targetW, voltVar, voltWatt.</summary>
    public static readonly byte[] SupportedModes = BitsOf(0, 1, 7, 8, 9, 20, 22, 23, 24);

    /// <summary>DERType 1: a virtual or mixed DER (many vehicles answering as one).</summary>
    public const byte VirtualDerType = 1;

    public static DERCapability Capability(AggregatedDer d) => new()
    {
        ModesSupported = SupportedModes, Type = VirtualDerType,
        RtgMaxW = SepPower.Active(d.MaxDischargeW),
        RtgMaxChargeRateW = SepPower.Active(d.MaxChargeW),
        RtgMaxDischargeRateW = SepPower.Active(d.MaxDischargeW),
    };

    public static DERSettings Settings(AggregatedDer d, long now) => new()
    {
        ModesEnabled = SupportedModes, SetGradW = 0, UpdatedTime = now,
        SetMaxW = SepPower.Active(d.MaxDischargeW),
        SetMaxChargeRateW = SepPower.Active(d.MaxChargeW),
        SetMaxDischargeRateW = SepPower.Active(d.MaxDischargeW),
    };

    public static DERStatus Status(AggregatedDer d, long now)
    {
        // ConnectStatus bits: 0 connected, 1 available, 2 operating.
        byte[] connected = d.Members > 0 ? [0x07] : [0x00];
        var power = d.ActualW ?? d.HeldW;
        return new DERStatus
        {
            ReadingTime = now,
            GenConnectStatus = new ConnectStatusType { DateTime = now, Value = connected },
            StorConnectStatus = new ConnectStatusType { DateTime = now, Value = connected },
            // OperationalModeStatus: 1 off, 2 operational.
            OperationalModeStatus = new OperationalModeStatusType { DateTime = now, Value = d.Members > 0 ? (byte)2 : (byte)1 },
            // StorageModeStatus: 0 charging, 1 discharging, 2 holding.
            StorageModeStatus = new StorageModeStatusType { DateTime = now, Value = power > 1 ? (byte)0 : power < -1 ? (byte)1 : (byte)2 },
            StateOfChargeStatus = d.AverageSocPercent is { } soc
                ? new StateOfChargeStatusType { DateTime = now, Value = Percent(soc) }
                : null,
        };
    }

    /// <summary>What the fleet could still give (discharge beyond what it holds) and absorb (charge beyond it).</summary>
    public static DERAvailability Availability(AggregatedDer d, long now) => new()
    {
        ReadingTime = now,
        StatWAvail = SepPower.Active(Math.Max(0, d.MaxDischargeW + d.HeldW)),
        StatWAbsorbAvail = SepPower.Unsigned(Math.Max(0, d.MaxChargeW - d.HeldW)),
        ReservePercent = d.AverageReservePercent is { } r ? Percent(r) : null,
    };

    /// <summary>The mirror for this DER's real power, identified by an mRID derived from its LFDI (re-posting finds it again).</summary>
    public static MirrorUsagePoint MirrorUsagePoint(byte[] lfdi, string description, uint postRateSeconds) => new()
    {
        MRID = Mrid(lfdi, "mup"), Description = description, RoleFlags = [0x00, 0x09], // isMirror | isDER
        ServiceCategoryKind = 0, Status = 1, DeviceLFDI = lfdi, PostRate = postRateSeconds,
    };

    /// <summary>One average real-power reading over the last interval (W, import positive).</summary>
    public static MirrorMeterReading PowerReading(byte[] lfdi, double watts, long now, uint intervalSeconds) => new()
    {
        MRID = Mrid(lfdi, "mmr-w"), Description = "Fleet real power", LastUpdateTime = now, NextUpdateTime = now + intervalSeconds,
        Reading = new Reading
        {
            Value = (long)Math.Round(watts),
            TimePeriod = new DateTimeInterval { Start = now - intervalSeconds, Duration = intervalSeconds },
        },
        ReadingType = new ReadingType
        {
            // indicating, electricity, average, forward, power, W
            AccumulationBehaviour = 12, Commodity = 1, DataQualifier = 2, FlowDirection = 1, IntervalLength = intervalSeconds,
            Kind = 37, Phase = 0, PowerOfTenMultiplier = 0, Uom = 38,
        },
    };

    private static ushort Percent(double percent) => (ushort)Math.Clamp(Math.Round(percent * 100), 0, 10_000);

    private static byte[] Mrid(byte[] lfdi, string purpose) =>
        SHA256.HashData([.. lfdi, .. Encoding.ASCII.GetBytes(purpose)])[..16];

    private static byte[] BitsOf(params int[] bits)
    {
        uint mask = 0;
        foreach (var b in bits) mask |= 1u << b;
        return [(byte)(mask >> 24), (byte)(mask >> 16), (byte)(mask >> 8), (byte)mask];
    }
}
