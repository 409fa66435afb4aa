namespace V2gActors.Iso15118.Secc;

/// <summary>ISO 15118-20 energy transfer service ids (Table 204) this SECC offers, and its parameter-set numbering.</summary>
public static class EnergyServices
{
    public const ushort Ac = 1;
    public const ushort Dc = 2;
    public const ushort AcBpt = 5;
    public const ushort DcBpt = 6;

    /// <summary>Parameter set 1 runs the Scheduled control mode, set 2 the Dynamic one (for both services).</summary>
    public const ushort ScheduledParameterSet = 1;
    public const ushort DynamicParameterSet = 2;

    /// <summary>Offered on a DC link (the -20 DC namespace was negotiated) or on an AC link.</summary>
    public static bool IsOffered(ushort serviceId, EnergyTransferKind kind) =>
        kind == EnergyTransferKind.Ac ? serviceId is Ac or AcBpt : serviceId is Dc or DcBpt;

    public static ushort Bidirectional(EnergyTransferKind kind) => kind == EnergyTransferKind.Ac ? AcBpt : DcBpt;
    public static ushort ChargeOnly(EnergyTransferKind kind) => kind == EnergyTransferKind.Ac ? Ac : Dc;

    public static ControlMode? ModeOf(ushort parameterSetId) => parameterSetId switch
    {
        ScheduledParameterSet => ControlMode.Scheduled,
        DynamicParameterSet => ControlMode.Dynamic,
        _ => null,
    };
}

public enum ControlMode { Scheduled, Dynamic }

/// <summary>Which -20 energy-transfer namespace supportedAppProtocol agreed on: it fixes the services and messages.</summary>
public enum EnergyTransferKind { Dc, Ac }

/// <summary>What ServiceSelection fixed for the rest of the session.</summary>
public sealed record SelectedService(ushort ServiceId, ControlMode Mode)
{
    public bool Bidirectional => ServiceId is EnergyServices.DcBpt or EnergyServices.AcBpt;
}
