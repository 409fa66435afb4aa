using System.Security.Cryptography.X509Certificates;
using V2gActors.Iso15118.Secc;

namespace V2gActors.Node.Iso15118;

/// <summary>
/// Configuration section <c>V2g:Iso15118</c>: the node's ISO 15118-20 SECC. One SECC listener stands for one EVSE of
/// one charger in one fleet (<see cref="FleetId"/>, <see cref="StationId"/>, <see cref="EvseId"/>): every EV that
/// connects becomes a vehicle session of that fleet at that EVSE. A site with several EVSEs runs one node listener
/// per EVSE (or, later, a mapping from the SDP interface to the EVSE).
/// </summary>
public sealed class SeccHostOptions
{
    public const string SectionName = "V2g:Iso15118";

    /// <summary>Off by default (the port is a fixed, well-known one); <c>--demo</c> turns it on too.</summary>
    public bool Enabled { get; set; }

    /// <summary>V2GTP/TLS listen address; empty = loopback (::1 when the host has it, else 127.0.0.1).</summary>
    public string Address { get; set; } = "";

    /// <summary>V2GTP over TLS 1.3 (0 = any free port; SDP announces the real one).</summary>
    public int Port { get; set; } = 15118;

    /// <summary>SDP over UDP, unicast on <see cref="Address"/> (0 = any free port; -1 = no SDP).</summary>
    public int SdpPort { get; set; } = 15118;

    /// <summary>Also answer SDP multicast on ff02::1 (as on a real PLC link) on <see cref="SdpInterface"/>.</summary>
    public bool SdpMulticast { get; set; }

    /// <summary>Interface name (e.g. <c>eth1</c>, <c>lo</c>) for SDP multicast; empty = the OS default.</summary>
    public string SdpInterface { get; set; } = "";

    public string FleetId { get; set; } = "FLEET-1";
    public string StationId { get; set; } = "SECC-1";
    public int EvseId { get; set; } = 1;

    /// <summary>The EVSEID the SECC announces in SessionSetupRes and puts in its certificate's CN.</summary>
    public string IsoEvseId { get; set; } = "DE*V2G*E0001*1";

    /// <summary>PFX with the SECC's TLS certificate (V2G PKI); empty = an in-memory development PKI.</summary>
    public string CertificatePath { get; set; } = "";
    public string CertificatePassword { get; set; } = "";

    /// <summary>
    /// PEM file with the mobility-operator (and/or V2G) roots Plug &amp; Charge contract chains must lead to; empty = the
    /// SECC offers EIM only.
    /// </summary>
    public string ContractRootsFile { get; set; } = "";

    public double MaxChargePowerW { get; set; } = 150_000;
    public double MaxDischargePowerW { get; set; } = 50_000;
    public double MaxChargeCurrentA { get; set; } = 300;
    public double MaxDischargeCurrentA { get; set; } = 150;
    public double MinVoltageV { get; set; } = 150;
    public double MaxVoltageV { get; set; } = 920;
    public double CableCheckSeconds { get; set; } = 0.5;

    /// <summary>What the fleet assumes until the EV reports its SoC (the first charge-loop request does).</summary>
    public double DefaultSocPercent { get; set; } = 50;

    /// <summary>The fleet never discharges below this (raised to the EV's own minimum SoC when it sends one).</summary>
    public double ReservePercent { get; set; } = 20;

    /// <summary>Bounds that only drift (energy request) are re-registered at most this often.</summary>
    public double BoundsRefreshSeconds { get; set; } = 10;

    /// <summary>How often a session re-sends its setpoint watch (the entity may have passivated or moved).</summary>
    public double WatchRefreshSeconds { get; set; } = 30;

    public SeccOptions ToSeccOptions() => new(
        IsoEvseId,
        new EvseLimits(MaxChargePowerW, MaxDischargePowerW, MaxChargeCurrentA, MaxDischargeCurrentA, MinVoltageV, MaxVoltageV),
        SeccTimeouts.Iso15118_20,
        TimeSpan.FromSeconds(CableCheckSeconds),
        string.IsNullOrWhiteSpace(ContractRootsFile) ? null : new ContractTrust(LoadRoots(ContractRootsFile)));

    private static X509Certificate2[] LoadRoots(string pemFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(pemFile);
        return [.. roots];
    }

    public SeccBinding ToBinding() => new(FleetId, StationId, EvseId, DefaultSocPercent, ReservePercent);
}

/// <summary>Where the SECC's sessions belong (fleet, charger, EVSE) and what to assume until the EV says otherwise.</summary>
public sealed record SeccBinding(string FleetId, string StationId, int EvseId, double DefaultSocPercent, double ReservePercent);
