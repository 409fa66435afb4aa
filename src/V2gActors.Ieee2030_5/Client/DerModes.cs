using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>
/// The bridge between DERControlBase and the arbiter's modes: which modes a control sets, and copying one
/// mode's setting from the control that governs it into the effective control.
/// </summary>
public static class DerModes
{
    public static IReadOnlySet<DerControlMode> Of(DERControlBase b)
    {
        var modes = new HashSet<DerControlMode>();
        foreach (var mode in Enum.GetValues<DerControlMode>())
            if (IsSet(b, mode)) modes.Add(mode);
        return modes;
    }

    public static bool IsSet(DERControlBase b, DerControlMode mode) => mode switch
    {
        DerControlMode.Connect => b.OpModConnect.HasValue,
        DerControlMode.Energize => b.OpModEnergize.HasValue,
        DerControlMode.FixedActivePowerPercent => b.OpModFixedW.HasValue,
        DerControlMode.TargetActivePower => b.OpModTargetW is not null,
        DerControlMode.MaxActivePowerPercent => b.OpModMaxLimW.HasValue,
        DerControlMode.MaxActivePowerPercentAbsorbing => b.OpModMaxLimPctWAbsorb.HasValue,
        DerControlMode.MaxExportPower => b.OpModMaxLimWInject is not null,
        DerControlMode.MaxImportPower => b.OpModMaxLimWAbsorb is not null,
        DerControlMode.FixedPowerFactorInjecting => b.OpModFixedPFInjectW is not null,
        DerControlMode.FixedPowerFactorAbsorbing => b.OpModFixedPFAbsorbW is not null,
        DerControlMode.FixedReactivePower => b.OpModFixedVar is not null,
        DerControlMode.TargetReactivePower => b.OpModTargetVar is not null,
        DerControlMode.FrequencyDroop => b.OpModFreqDroop is not null,
        DerControlMode.VoltVar => b.OpModVoltVar is not null,
        DerControlMode.VoltWatt => b.OpModVoltWatt is not null,
        DerControlMode.FrequencyWatt => b.OpModFreqWatt is not null,
        DerControlMode.WattPowerFactor => b.OpModWattPF is not null,
        DerControlMode.WattVar => b.OpModWattVar is not null,
        DerControlMode.HighFrequencyRideThrough => b.OpModHFRTMayTrip is not null || b.OpModHFRTMustTrip is not null,
        DerControlMode.LowFrequencyRideThrough => b.OpModLFRTMayTrip is not null || b.OpModLFRTMustTrip is not null,
        DerControlMode.HighVoltageRideThrough => b.OpModHVRTMayTrip is not null || b.OpModHVRTMustTrip is not null || b.OpModHVRTMomentaryCessation is not null,
        DerControlMode.LowVoltageRideThrough => b.OpModLVRTMayTrip is not null || b.OpModLVRTMustTrip is not null || b.OpModLVRTMomentaryCessation is not null,
        DerControlMode.RampTime => b.RampTms.HasValue,
        DerControlMode.FixedVoltage => b.OpModFixedV.HasValue,
        DerControlMode.TargetVoltage => b.OpModTargetV is not null,
        DerControlMode.ActivePowerDelta => b.OpModDeltaW is not null,
        DerControlMode.ReactivePowerDelta => b.OpModDeltaVar is not null,
        DerControlMode.MaxApparentPowerPercentInjecting => b.OpModMaxLimPctVAInject.HasValue,
        DerControlMode.MaxApparentPowerPercentAbsorbing => b.OpModMaxLimPctVAAbsorb.HasValue,
        DerControlMode.MaxReactivePowerInjecting => b.OpModMaxLimVarInject is not null,
        DerControlMode.MaxReactivePowerAbsorbing => b.OpModMaxLimVarAbsorb is not null,
        DerControlMode.MaxReactivePowerPercentInjecting => b.OpModMaxLimPctVarInject is not null,
        DerControlMode.MaxReactivePowerPercentAbsorbing => b.OpModMaxLimPctVarAbsorb is not null,
        DerControlMode.GridConnectPermit => b.OpModGridConnectPermit.HasValue,
        DerControlMode.IslandPermit => b.OpModIslandPermit.HasValue,
        _ => false,
    };

    /// <summary>Copies one mode's setting. Shared sub-objects are fine: resources read from the wire are not mutated afterwards.</summary>
    public static void Copy(DerControlMode mode, DERControlBase from, DERControlBase to)
    {
        switch (mode)
        {
            case DerControlMode.Connect: to.OpModConnect = from.OpModConnect; break;
            case DerControlMode.Energize: to.OpModEnergize = from.OpModEnergize; break;
            case DerControlMode.FixedActivePowerPercent: to.OpModFixedW = from.OpModFixedW; break;
            case DerControlMode.TargetActivePower: to.OpModTargetW = from.OpModTargetW; break;
            case DerControlMode.MaxActivePowerPercent: to.OpModMaxLimW = from.OpModMaxLimW; break;
            case DerControlMode.MaxActivePowerPercentAbsorbing: to.OpModMaxLimPctWAbsorb = from.OpModMaxLimPctWAbsorb; break;
            case DerControlMode.MaxExportPower: to.OpModMaxLimWInject = from.OpModMaxLimWInject; break;
            case DerControlMode.MaxImportPower: to.OpModMaxLimWAbsorb = from.OpModMaxLimWAbsorb; break;
            case DerControlMode.FixedPowerFactorInjecting: to.OpModFixedPFInjectW = from.OpModFixedPFInjectW; break;
            case DerControlMode.FixedPowerFactorAbsorbing: to.OpModFixedPFAbsorbW = from.OpModFixedPFAbsorbW; break;
            case DerControlMode.FixedReactivePower: to.OpModFixedVar = from.OpModFixedVar; break;
            case DerControlMode.TargetReactivePower: to.OpModTargetVar = from.OpModTargetVar; break;
            case DerControlMode.FrequencyDroop: to.OpModFreqDroop = from.OpModFreqDroop; break;
            case DerControlMode.VoltVar: to.OpModVoltVar = from.OpModVoltVar; break;
            case DerControlMode.VoltWatt: to.OpModVoltWatt = from.OpModVoltWatt; break;
            case DerControlMode.FrequencyWatt: to.OpModFreqWatt = from.OpModFreqWatt; break;
            case DerControlMode.WattPowerFactor: to.OpModWattPF = from.OpModWattPF; break;
            case DerControlMode.WattVar: to.OpModWattVar = from.OpModWattVar; break;
            case DerControlMode.HighFrequencyRideThrough:
                to.OpModHFRTMayTrip = from.OpModHFRTMayTrip;
                to.OpModHFRTMustTrip = from.OpModHFRTMustTrip;
                break;
            case DerControlMode.LowFrequencyRideThrough:
                to.OpModLFRTMayTrip = from.OpModLFRTMayTrip;
                to.OpModLFRTMustTrip = from.OpModLFRTMustTrip;
                break;
            case DerControlMode.HighVoltageRideThrough:
                to.OpModHVRTMayTrip = from.OpModHVRTMayTrip;
                to.OpModHVRTMustTrip = from.OpModHVRTMustTrip;
                to.OpModHVRTMomentaryCessation = from.OpModHVRTMomentaryCessation;
                break;
            case DerControlMode.LowVoltageRideThrough:
                to.OpModLVRTMayTrip = from.OpModLVRTMayTrip;
                to.OpModLVRTMustTrip = from.OpModLVRTMustTrip;
                to.OpModLVRTMomentaryCessation = from.OpModLVRTMomentaryCessation;
                break;
            case DerControlMode.RampTime: to.RampTms = from.RampTms; break;
            case DerControlMode.FixedVoltage: to.OpModFixedV = from.OpModFixedV; break;
            case DerControlMode.TargetVoltage: to.OpModTargetV = from.OpModTargetV; break;
            case DerControlMode.ActivePowerDelta: to.OpModDeltaW = from.OpModDeltaW; break;
            case DerControlMode.ReactivePowerDelta: to.OpModDeltaVar = from.OpModDeltaVar; break;
            case DerControlMode.MaxApparentPowerPercentInjecting: to.OpModMaxLimPctVAInject = from.OpModMaxLimPctVAInject; break;
            case DerControlMode.MaxApparentPowerPercentAbsorbing: to.OpModMaxLimPctVAAbsorb = from.OpModMaxLimPctVAAbsorb; break;
            case DerControlMode.MaxReactivePowerInjecting: to.OpModMaxLimVarInject = from.OpModMaxLimVarInject; break;
            case DerControlMode.MaxReactivePowerAbsorbing: to.OpModMaxLimVarAbsorb = from.OpModMaxLimVarAbsorb; break;
            case DerControlMode.MaxReactivePowerPercentInjecting: to.OpModMaxLimPctVarInject = from.OpModMaxLimPctVarInject; break;
            case DerControlMode.MaxReactivePowerPercentAbsorbing: to.OpModMaxLimPctVarAbsorb = from.OpModMaxLimPctVarAbsorb; break;
            case DerControlMode.GridConnectPermit: to.OpModGridConnectPermit = from.OpModGridConnectPermit; break;
            case DerControlMode.IslandPermit: to.OpModIslandPermit = from.OpModIslandPermit; break;
        }
    }
}
