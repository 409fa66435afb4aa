using V2gActors.Domain.Units;

namespace V2gActors.Domain.Grid;

/// <summary>
/// A frequency-droop (frequency-watt) setting in the shape both protocols share.
/// Droops are per-unit frequency change for a 1 per-unit power change (2030.5 kOF/kUF divided by 1000,
/// OCPP overDroop/underDroop), so 0.05 means "5 % of nominal frequency moves power by 100 % of reference".
/// </summary>
/// <param name="Nominal">Nominal grid frequency, e.g. 50 or 60 Hz.</param>
/// <param name="OverFrequencyDeadband">No response until frequency exceeds nominal by this much (2030.5 dBOF).</param>
/// <param name="UnderFrequencyDeadband">No response until frequency falls below nominal by this much (2030.5 dBUF).</param>
/// <param name="OverFrequencyDroop">Per-unit droop above the deadband; must be positive.</param>
/// <param name="UnderFrequencyDroop">Per-unit droop below the deadband; must be positive.</param>
/// <param name="OpenLoopResponseTime">Time to reach 90 % of a step response; zero means "as fast as possible".</param>
public sealed record FrequencyDroop(
    Hertz Nominal,
    Hertz OverFrequencyDeadband,
    Hertz UnderFrequencyDeadband,
    double OverFrequencyDroop,
    double UnderFrequencyDroop,
    TimeSpan OpenLoopResponseTime)
{
    public Hertz OverFrequencyStart => Nominal + OverFrequencyDeadband;
    public Hertz UnderFrequencyStart => Nominal - UnderFrequencyDeadband;

    /// <summary>OCPP SetDERControl FreqDroop gives start frequencies rather than deadbands.</summary>
    public static FrequencyDroop FromStartFrequencies(
        Hertz nominal, Hertz overFrequencyStart, Hertz underFrequencyStart,
        double overFrequencyDroop, double underFrequencyDroop, TimeSpan openLoopResponseTime) =>
        new(nominal, overFrequencyStart - nominal, nominal - underFrequencyStart,
            overFrequencyDroop, underFrequencyDroop, openLoopResponseTime);

    /// <summary>
    /// IEEE 2030.5 FreqDroopType carries integers: dBOF/dBUF in thousandths of a hertz, kOF/kUF in thousandths,
    /// openLoopTms in hundredths of a second (0 = no limit).
    /// </summary>
    public static FrequencyDroop FromIeee2030_5(
        Hertz nominal, uint dBOF, uint dBUF, ushort kOF, ushort kUF, ushort openLoopTms) =>
        new(nominal, new Hertz(dBOF / 1000.0), new Hertz(dBUF / 1000.0), kOF / 1000.0, kUF / 1000.0,
            TimeSpan.FromMilliseconds(openLoopTms * 10.0));

    /// <summary>Checks the setting describes a real droop; returns the reason when it does not.</summary>
    public string? Validate()
    {
        if (!(Nominal.Value > 0)) return "nominal frequency must be positive";
        if (OverFrequencyDeadband.Value < 0 || UnderFrequencyDeadband.Value < 0) return "deadbands cannot be negative";
        if (!(OverFrequencyDroop > 0) || !(UnderFrequencyDroop > 0)) return "droops must be positive";
        if (OpenLoopResponseTime < TimeSpan.Zero) return "response time cannot be negative";
        return null;
    }
}
