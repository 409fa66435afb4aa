namespace V2gActors.Node.Csip;

/// <summary>
/// Configuration section <c>V2g:Csip</c>: the node as a CSIP aggregator client of one 2030.5 server, one EndDevice per
/// configured fleet (the fleet is the aggregated DER the utility sees).
/// </summary>
public sealed class CsipOptions
{
    public const string SectionName = "V2g:Csip";

    public bool Enabled { get; set; }

    /// <summary>The server's base address; discovery starts at <see cref="DeviceCapabilityPath"/> below it.</summary>
    public string ServerUrl { get; set; } = "https://127.0.0.1:8443/";

    public string DeviceCapabilityPath { get; set; } = "/dcap";

    /// <summary>PKCS#12 file with the aggregator's client certificate and key (ECDSA P-256, as CSIP requires).</summary>
    public string ClientCertificate { get; set; } = "";

    public string ClientCertificatePassword { get; set; } = "";

    /// <summary>PEM or DER file of the CA the server must chain to (the SERCA).</summary>
    public string TrustedRoot { get; set; } = "";

    /// <summary><c>Subscribe</c> (notifications, with polling at the server's pollRate as a safety net) or <c>Poll</c>.</summary>
    public string Mode { get; set; } = "Subscribe";

    /// <summary>Polling period; 0 uses the server's DeviceCapability pollRate.</summary>
    public double PollSeconds { get; set; }

    /// <summary>How often held programs are re-evaluated, so events start and end on time between polls.</summary>
    public double EvaluateEverySeconds { get; set; } = 1;

    /// <summary>How often DERStatus / DERAvailability and a MirrorMeterReading are uploaded.</summary>
    public double ReportEverySeconds { get; set; } = 10;

    /// <summary>How long a started event may wait for the fleet's acknowledged dispatch before it is rejected.</summary>
    public double FleetOutcomeTimeoutSeconds { get; set; } = 60;

    /// <summary>An event whose controls moved no fleet target within this time is taken as already held by the fleet.</summary>
    public double NoDispatchGraceSeconds { get; set; } = 3;

    public double NominalFrequencyHz { get; set; } = 50;

    public double ReconnectSeconds { get; set; } = 10;

    public List<CsipFleetOptions> Fleets { get; set; } = [];
}

/// <summary>One aggregated DER: which fleet answers for it and the EndDevice it registers as.</summary>
public sealed class CsipFleetOptions
{
    public string FleetId { get; set; } = "";

    /// <summary>40 hex digits; empty derives a stable LFDI from the fleet id (a virtual device behind the aggregator).</summary>
    public string Lfdi { get; set; } = "";

    /// <summary>Rated power one per-unit of droop stands for; 0 uses the fleet's summed charge + discharge ratings.</summary>
    public double ReferencePowerW { get; set; }

    public byte[] LfdiBytes() => Lfdi.Length > 0
        ? Convert.FromHexString(Lfdi)
        : System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("v2gactors-fleet:" + FleetId))[..20];
}
