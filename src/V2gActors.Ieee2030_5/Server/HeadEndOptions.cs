using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Ieee2030_5.Server;

/// <summary>How to run the head-end. It always binds 127.0.0.1; exposure beyond loopback is a deployment decision.</summary>
public sealed record HeadEndOptions
{
    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>The only CA client certificates may chain to (the SERCA in a real deployment).</summary>
    public required X509Certificate2 TrustedRoot { get; init; }

    /// <summary>0 picks a free port (tests); 8443 is the project default.</summary>
    public int Port { get; init; } = 8443;

    /// <summary>pollRate advertised on DeviceCapability and the lists clients poll.</summary>
    public uint PollRateSeconds { get; init; } = 900;

    /// <summary>Server time in epoch seconds; injected so tests can run a scenario on a fixed clock.</summary>
    public Func<long> Clock { get; init; } = () => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>The registration PIN handed to every device that registers itself.</summary>
    public uint RegistrationPin { get; init; } = 111_115;
}
