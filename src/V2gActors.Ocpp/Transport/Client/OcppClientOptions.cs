namespace V2gActors.Ocpp.Transport.Client;

/// <summary>Settings of a charger-side OCPP-J connection.</summary>
public sealed record OcppClientOptions
{
    public static OcppClientOptions Default { get; } = new();

    /// <summary>Largest accepted message from the CSMS, after reassembly. Larger → close 1009. Default 64 KiB.</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>Interval of WebSocket pings (OCPP's WebSocketPingInterval). Zero disables. Default 30 s.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pong deadline for a ping before the socket is aborted; <see cref="Timeout.InfiniteTimeSpan"/> disables. Default 20 s.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public int SendQueueCapacity { get; init; } = 256;

    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Security profile 3: the station's certificate (with private key) presented in the TLS handshake.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? ClientCertificate { get; init; }

    /// <summary>
    /// The CA that signed the CSMS's server certificate when it is not in the machine's trust store (a private PKI, as
    /// OCPP's CSMS root usually is). Null: the platform's default validation.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedCsmsRoot { get; init; }

    /// <summary>Clock for call timeouts; tests inject a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal OcppPipeSettings ToPipeSettings() => new(MaxMessageSize, SendQueueCapacity, SendTimeout, CloseTimeout);
}
