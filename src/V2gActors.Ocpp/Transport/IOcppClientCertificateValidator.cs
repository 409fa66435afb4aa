using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Ocpp.Transport;

/// <summary>
/// Security profile 3 (TLS with client certificates): decides whether the certificate a station presented in the TLS
/// handshake proves that it is the station named in the URL. Implementations check the chain against the CSMS's trusted
/// station CA, validity and key usage, and bind the subject (CN) to the station id. Registered in DI by the host; when
/// none is registered, stations that present a certificate are refused rather than silently treated as profile 2.
/// </summary>
public interface IOcppClientCertificateValidator
{
    /// <returns>null when the certificate authenticates <paramref name="stationId"/>; otherwise the reason it does not.</returns>
    string? Validate(string stationId, X509Certificate2 certificate);
}
