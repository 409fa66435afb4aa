namespace V2gActors.Iso15118.Secc;

/// <summary>What the EVSE hardware can do; discharge values are magnitudes.</summary>
public sealed record EvseLimits(
    double MaxChargePowerW = 150_000,
    double MaxDischargePowerW = 50_000,
    double MaxChargeCurrentA = 300,
    double MaxDischargeCurrentA = 150,
    double MinVoltageV = 150,
    double MaxVoltageV = 920,
    /// <summary>AC only: the grid's nominal frequency, announced in AC_ChargeParameterDiscoveryRes.</summary>
    double NominalFrequencyHz = 50);

/// <summary>
/// ISO 15118-20 SECC timers. Sequence: a request must follow the previous response within 60 s
/// (V2G_SECC_Sequence_Timeout). Ongoing: an EVSEProcessing=Ongoing phase (authorization, schedule, cable check) may
/// last at most 60 s before the SECC gives up. Communication setup: from the connection to SessionSetupReq at most
/// 20 s (V2G_SECC_CommunicationSetup_Timeout), so a peer that only does TLS and SAP cannot hold the EVSE for a minute.
/// Tests shorten them.
/// </summary>
public sealed record SeccTimeouts(TimeSpan Sequence, TimeSpan Ongoing)
{
    public TimeSpan CommunicationSetup { get; init; } = TimeSpan.FromSeconds(20);

    public static SeccTimeouts Iso15118_20 { get; } = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
}

public sealed record SeccOptions(
    string EvseId,
    EvseLimits Limits,
    SeccTimeouts Timeouts,
    /// <summary>How long the simulated insulation test answers Ongoing (zero: finished at once).</summary>
    TimeSpan CableCheckDuration,
    /// <summary>Plug &amp; Charge: the MO/V2G roots contract chains must lead to; null (or no roots) = EIM only.</summary>
    ContractTrust? PnC = null)
{
    public static SeccOptions Default(string evseId = "DE*V2G*E0001*1") =>
        new(evseId, new EvseLimits(), SeccTimeouts.Iso15118_20, TimeSpan.Zero);
}
