using System.Net;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Iso15118.Secc;

namespace V2gActors.Simulators.Vehicles;

/// <summary>
/// How one simulated EV (ISO 15118-20 EVCC, DC or AC BPT) behaves. Every loop is bounded: the charge loop by
/// <see cref="MaxChargeLoops"/>, every Ongoing poll by <see cref="MaxOngoingPolls"/>, every message by
/// <see cref="MessageTimeout"/>.
/// </summary>
public sealed record EvccSimulatorOptions
{
    /// <summary>Where SDP requests go (on loopback: the SDP server itself; a real EV multicasts to ff02::1:15118).</summary>
    public required IPEndPoint SdpServer { get; init; }

    /// <summary>The V2G root the SECC certificate must chain to.</summary>
    public required X509Certificate2 TrustedRoot { get; init; }

    /// <summary>Name checked against the SECC certificate.</summary>
    public string TargetHost { get; init; } = "localhost";

    public string EvccId { get; init; } = "WMIV2GACTORS00001";

    public ControlMode ControlMode { get; init; } = ControlMode.Dynamic;

    /// <summary>DC BPT (the default) or AC BPT: decides the -20 namespace offered in supportedAppProtocol.</summary>
    public EnergyTransferKind EnergyTransfer { get; init; } = EnergyTransferKind.Dc;

    /// <summary>Pause between a charge-loop response and the next request.</summary>
    public TimeSpan ChargeLoopInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public int MaxChargeLoops { get; init; } = 40;

    /// <summary>Ends the charge loop early (after the observation that satisfies it) — still bounded by MaxChargeLoops.</summary>
    public Func<ChargeLoopObservation, bool>? StopWhen { get; init; }

    /// <summary>Called for every charge-loop response (on the simulator's task: keep it short).</summary>
    public Action<ChargeLoopObservation>? OnChargeLoop { get; init; }

    /// <summary>V2G_EVCC_Msg_Timeout: 2 s in -20 for most messages.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public int MaxOngoingPolls { get; init; } = 100;
    public TimeSpan OngoingPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan SdpTimeout { get; init; } = TimeSpan.FromMilliseconds(250);
    public int SdpAttempts { get; init; } = 20;

    public SimulatedBattery Battery { get; init; } = new();

    /// <summary>A contract (Plug &amp; Charge): used when the SECC offers PnC; without it, or without PnC, the EV uses EIM.</summary>
    public ContractCredentials? Contract { get; init; }
}

/// <summary>The EV's contract certificate and the sub-CA certificates up to (not including) the MO root, DER.</summary>
public sealed record ContractCredentials(byte[] Certificate, IReadOnlyList<byte[]> SubCertificates);

/// <summary>The EV's battery and power electronics as the simulator reports them (discharge values are magnitudes).</summary>
public sealed record SimulatedBattery(
    double CapacityWh = 60_000,
    double InitialSocPercent = 50,
    double MinimumSocPercent = 20,
    double TargetSocPercent = 80,
    double MaxChargePowerW = 50_000,
    double MaxDischargePowerW = 11_000,
    double MaxChargeCurrentA = 125,
    double MaxDischargeCurrentA = 30,
    double NominalVoltageV = 400,
    double MinVoltageV = 300,
    double MaxVoltageV = 450,
    uint DepartureInSeconds = 4 * 3600);

/// <summary>
/// One charge-loop exchange as the EV saw it: the signed target the response carried (positive charge, negative
/// discharge), the round trip, and Stopwatch timestamps of sending and receiving (to order it against other events).
/// </summary>
public sealed record ChargeLoopObservation(int Index, double TargetPowerW, TimeSpan RoundTrip, long SentTimestamp, long ReceivedTimestamp, double SocPercent);

/// <summary>What a simulated session did: every exchange ("SessionSetup: OK_NewSessionEstablished"), the charge loops, and how it ended.</summary>
public sealed record EvccSessionResult(bool Completed, string? Failure, string? EvseId, IReadOnlyList<string> Exchanges,
    IReadOnlyList<ChargeLoopObservation> ChargeLoops);
