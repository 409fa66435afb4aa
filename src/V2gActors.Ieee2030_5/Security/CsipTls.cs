using System.Net.Security;
using System.Security.Authentication;

namespace V2gActors.Ieee2030_5.Security;

/// <summary>
/// The TLS parameters CSIP prescribes for 2030.5: TLS 1.2 with the one cipher suite TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8
/// (ECDSA P-256 certificates, ECDHE on P-256, AES-128 in CCM mode with an 8-byte tag). SslStream can pin a suite only
/// where the platform lets it (<see cref="CipherSuitesPolicy"/>: Linux with OpenSSL, macOS); there every 2030.5 socket
/// here (head-end, notification sender, CSIP client, notification listener) offers and accepts only that suite, which
/// also rules out TLS 1.3 (it has no CCM_8 suite in OpenSSL's default set). Elsewhere (Windows/SChannel) the
/// operating system's cipher-suite policy decides and we keep TLS 1.2/1.3 with its defaults.
/// </summary>
public static class CsipTls
{
    public const TlsCipherSuite Suite = TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8;

    /// <summary>Whether the suite can be pinned on this platform.</summary>
    public static bool CanPin => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>TLS 1.2 only where the suite is pinned (it is a TLS 1.2 suite); otherwise 1.2 and 1.3.</summary>
    public static SslProtocols Protocols => CanPin ? SslProtocols.Tls12 : SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>The pinned suite, or null to leave the choice to the operating system.</summary>
    public static CipherSuitesPolicy? Policy() =>
#pragma warning disable CA1416 // guarded by CanPin: CipherSuitesPolicy exists on Linux and macOS only
        CanPin ? new CipherSuitesPolicy([Suite]) : null;
#pragma warning restore CA1416
}
