using V2gActors.Ocpp;

namespace V2gActors.Simulators.Chargers;

/// <summary>How one simulated charging station behaves. Defaults give a lively demo; tests shorten the intervals.</summary>
public sealed record ChargerSimulatorOptions
{
    /// <summary>CSMS endpoint without the station id, e.g. <c>ws://127.0.0.1:9000/ocpp</c>.</summary>
    public required Uri CsmsUri { get; init; }

    /// <summary>
    /// Further CSMS endpoints tried in turn when a connect to the current one fails (like OCPP's prioritised
    /// NetworkConnectionProfiles): a station whose node died reconnects to another node of the cluster.
    /// </summary>
    public IReadOnlyList<Uri> FailoverCsmsUris { get; init; } = [];

    /// <summary>Security profile 1 password; null sends no Authorization header.</summary>
    public string? Password { get; init; }

    /// <summary>Security profile 3: the station's certificate (CN = station id) for the TLS handshake.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Private CA that signed the CSMS certificate (profiles 2 and 3 against the development PKI).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedCsmsRoot { get; init; }

    /// <summary>Offered in this order; the CSMS picks one.</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [OcppSubprotocols.Ocpp21, OcppSubprotocols.Ocpp201];

    public string VendorName { get; init; } = "V2gActors";
    public string Model { get; init; } = "SimCharger-BPT";
    public int EvseCount { get; init; } = 1;

    /// <summary>Heartbeat period when the CSMS's interval is longer (demo and tests want visible traffic).</summary>
    public TimeSpan? HeartbeatOverride { get; init; }

    /// <summary>Period of TransactionEvent(Updated) with meter values while a transaction runs.</summary>
    public TimeSpan MeterInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay after boot before an EV plugs in; null: no automatic transactions.</summary>
    public TimeSpan? PlugInAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long an automatic transaction lasts; null: until stopped by the CSMS.</summary>
    public TimeSpan? TransactionDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Sent as NotifyEVChargingNeeds whenever an EV plugs in (after TransactionEvent Started); null: not sent.</summary>
    public SimulatedEvNeeds? EvNeeds { get; init; }

    /// <summary>Charging power the simulated meter reports (W); negative while discharging.</summary>
    public double PowerW { get; init; } = 11_000;

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When set, each installed Dynamic profile asks the CSMS for its current values this often (PullDynamicScheduleUpdate).</summary>
    public TimeSpan? PullDynamicScheduleEvery { get; init; }

    /// <summary>False: the EVSEs report no bidirectional (BPT) energy transfer in their V2XChargingCtrlr, so they cannot discharge.</summary>
    public bool Bidirectional { get; init; } = true;

    /// <summary>First reconnect delay; doubles up to <see cref="MaxReconnectDelay"/> (with jitter).</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sees every payload the CSMS sent: CALLRESULTs to our calls and the CSMS's own CALLs. Conformance tests validate
    /// them against the official schemas; must be thread-safe and quick.
    /// </summary>
    public Action<CsmsFrameObserved>? OnCsmsFrame { get; init; }
}

/// <summary>One payload emitted by the CSMS, as a simulated station received it.</summary>
public sealed record CsmsFrameObserved(string StationId, OcppVersion Version, string Action, OcppPayloadKind Kind, ReadOnlyMemory<byte> Payload);
