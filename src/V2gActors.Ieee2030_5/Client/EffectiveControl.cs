using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>The control a DER must follow now: one DERControlBase assembled mode by mode from whoever governs each mode.</summary>
public sealed record EffectiveControl(DERControlBase Control, ArbitrationResult Arbitration)
{
    public static EffectiveControl Compose(ArbitrationResult arbitration, IReadOnlyList<DerProgramView> programs)
    {
        var controls = programs.SelectMany(p => p.Controls).Where(c => c.MRID is not null)
            .GroupBy(c => Convert.ToHexString(c.MRID!)).ToDictionary(g => g.Key, g => g.First());
        var defaults = programs.Where(p => p.Default is not null).ToDictionary(p => p.ProgramId, p => p.Default!);
        var effective = new DERControlBase();
        foreach (var (mode, source) in arbitration.ActiveModes)
        {
            var from = source switch
            {
                EventControlSource e => controls.GetValueOrDefault(e.Mrid)?.DERControlBase,
                DefaultControlSource d => defaults.GetValueOrDefault(d.ProgramId)?.DERControlBase,
                _ => null,
            };
            if (from is not null) DerModes.Copy(mode, from, effective);
        }
        return new EffectiveControl(effective, arbitration);
    }
}
