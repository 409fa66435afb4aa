using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Pki;

/// <summary>
/// How OCPP names a certificate (CertificateHashDataType / OCSPRequestDataType, the fields of an RFC 6960 CertID):
/// the hash of the issuer's DER-encoded distinguished name, the hash of the issuer's public key bits, and the serial
/// number as hex without leading zeroes. Hashes are lower-case hex, as OCPP's examples write them.
/// </summary>
public sealed record CertificateId(string HashAlgorithm, string IssuerNameHash, string IssuerKeyHash, string SerialNumber)
{
    /// <summary>The id of <paramref name="certificate"/> issued by <paramref name="issuer"/> (the issuer itself for a root).</summary>
    public static CertificateId Of(X509Certificate2 certificate, X509Certificate2 issuer, HashAlgorithmName? algorithm = null)
    {
        var hash = algorithm ?? HashAlgorithmName.SHA256;
        return new CertificateId(
            hash.Name!,
            Hex(Hash(hash, issuer.SubjectName.RawData)),
            Hex(Hash(hash, issuer.PublicKey.EncodedKeyValue.RawData)),
            NormalizeSerial(certificate.SerialNumber));
    }

    /// <summary>The key a lookup table uses: algorithm and hashes case-insensitive, serial without leading zeroes.</summary>
    public string Key => $"{HashAlgorithm.ToUpperInvariant()}/{IssuerNameHash.ToLowerInvariant()}/{IssuerKeyHash.ToLowerInvariant()}/{NormalizeSerial(SerialNumber)}";

    /// <summary>The issuer part of <see cref="Key"/>.</summary>
    public string IssuerKey => $"{HashAlgorithm.ToUpperInvariant()}/{IssuerNameHash.ToLowerInvariant()}/{IssuerKeyHash.ToLowerInvariant()}";

    public static string NormalizeSerial(string hex)
    {
        var trimmed = hex.Trim().TrimStart('0').ToLowerInvariant();
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static byte[] Hash(HashAlgorithmName algorithm, byte[] data) => algorithm.Name switch
    {
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm.Name, "OCPP allows SHA256, SHA384 and SHA512."),
    };

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
