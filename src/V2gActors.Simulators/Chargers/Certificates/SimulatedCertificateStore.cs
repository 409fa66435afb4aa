using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Pki;

namespace V2gActors.Simulators.Chargers.Certificates;

/// <summary>
/// The certificates a simulated station holds (OCPP 2.1 M03–M05, A02/A03): installed roots by type, and its own
/// certificates signed by the CSMS after a SignCertificate, each kept with the key whose CSR it answers. Thread-safe.
/// </summary>
public sealed class SimulatedCertificateStore
{
    private readonly object _gate = new();
    private readonly List<(GetCertificateIdUseEnumType Type, X509Certificate2 Certificate)> _installed = [];
    private readonly Dictionary<CertificateSigningUseEnumType, ECDsa> _pendingKeys = [];
    private readonly Dictionary<CertificateSigningUseEnumType, IReadOnlyList<X509Certificate2>> _signed = [];

    /// <summary>The chain (leaf with its private key first) the CSMS signed for <paramref name="use"/>, if any.</summary>
    public IReadOnlyList<X509Certificate2>? Signed(CertificateSigningUseEnumType use)
    {
        lock (_gate) return _signed.GetValueOrDefault(use);
    }

    public IReadOnlyList<X509Certificate2> Installed(GetCertificateIdUseEnumType type)
    {
        lock (_gate) return [.. _installed.Where(i => i.Type == type).Select(i => i.Certificate)];
    }

    /// <summary>A fresh key and its CSR (PEM) for <paramref name="use"/>; the key waits for the CertificateSigned.</summary>
    public string NewSigningRequest(CertificateSigningUseEnumType use, string stationId, string organization)
    {
        var key = CertificateFactory.NewKey();
        lock (_gate)
        {
            if (_pendingKeys.Remove(use, out var old)) old.Dispose();
            _pendingKeys[use] = key;
        }
        return CertificateFactory.CreateSigningRequestPem($"CN={stationId}, O={organization}", key);
    }

    /// <summary>A02: accept a chain whose leaf carries the public key of the pending CSR for its type.</summary>
    public CertificateSignedResponse AcceptSigned(CertificateSignedRequest request)
    {
        var use = request.CertificateType ?? CertificateSigningUseEnumType.ChargingStationCertificate;
        IReadOnlyList<X509Certificate2> chain;
        try { chain = CertificateFiles.ParseChainPem(request.CertificateChain); }
        catch (CryptographicException) { return Rejected("InvalidCertificateChain"); }
        lock (_gate)
        {
            if (chain.Count == 0 || !_pendingKeys.TryGetValue(use, out var key)) return Rejected("NoPendingRequest");
            if (chain[0].GetECDsaPublicKey() is not { } leafKey
                || !leafKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
                return Rejected("KeyMismatch");
            _pendingKeys.Remove(use);
            _signed[use] = [chain[0].CopyWithPrivateKey(key), .. chain.Skip(1)];
        }
        return new CertificateSignedResponse { Status = CertificateSignedStatusEnumType.Accepted };
    }

    public InstallCertificateResponse Install(InstallCertificateRequest request)
    {
        X509Certificate2 certificate;
        try { certificate = X509Certificate2.CreateFromPem(request.Certificate); }
        catch (CryptographicException)
        {
            return new InstallCertificateResponse
            {
                Status = InstallCertificateStatusEnumType.Rejected, StatusInfo = new StatusInfoType { ReasonCode = "InvalidCertificate" },
            };
        }
        var type = request.CertificateType switch
        {
            InstallCertificateUseEnumType.V2GRootCertificate => GetCertificateIdUseEnumType.V2GRootCertificate,
            InstallCertificateUseEnumType.MORootCertificate => GetCertificateIdUseEnumType.MORootCertificate,
            InstallCertificateUseEnumType.ManufacturerRootCertificate => GetCertificateIdUseEnumType.ManufacturerRootCertificate,
            InstallCertificateUseEnumType.CSMSRootCertificate => GetCertificateIdUseEnumType.CSMSRootCertificate,
            _ => GetCertificateIdUseEnumType.OEMRootCertificate,
        };
        lock (_gate)
        {
            _installed.RemoveAll(i => i.Type == type && i.Certificate.Thumbprint == certificate.Thumbprint);
            _installed.Add((type, certificate));
        }
        return new InstallCertificateResponse { Status = InstallCertificateStatusEnumType.Accepted };
    }

    /// <summary>M03: the hash data of the installed roots of the asked types, and of the V2G chain the CSMS signed.</summary>
    public GetInstalledCertificateIdsResponse Ids(GetInstalledCertificateIdsRequest request)
    {
        var types = request.CertificateType is { Count: > 0 } asked ? asked.ToHashSet() : null;
        var chains = new List<CertificateHashDataChainType>();
        lock (_gate)
        {
            chains.AddRange(_installed.Where(i => types is null || types.Contains(i.Type))
                .Select(i => new CertificateHashDataChainType { CertificateType = i.Type, CertificateHashData = HashData(i.Certificate, i.Certificate) }));
            if ((types is null || types.Contains(GetCertificateIdUseEnumType.V2GCertificateChain))
                && _signed.GetValueOrDefault(CertificateSigningUseEnumType.V2GCertificate) is { Count: > 1 } v2g)
            {
                chains.Add(new CertificateHashDataChainType
                {
                    CertificateType = GetCertificateIdUseEnumType.V2GCertificateChain,
                    CertificateHashData = HashData(v2g[0], v2g[1]),
                    ChildCertificateHashData = v2g.Count > 2 ? [.. v2g.Skip(1).Zip(v2g.Skip(2), HashData)] : null,
                });
            }
        }
        return chains.Count == 0
            ? new GetInstalledCertificateIdsResponse { Status = GetInstalledCertificateStatusEnumType.NotFound }
            : new GetInstalledCertificateIdsResponse { Status = GetInstalledCertificateStatusEnumType.Accepted, CertificateHashDataChain = chains };
    }

    /// <summary>M04: deletes the installed root with this hash data.</summary>
    public DeleteCertificateResponse Delete(DeleteCertificateRequest request)
    {
        var wanted = Id(request.CertificateHashData).Key;
        lock (_gate)
        {
            var removed = _installed.RemoveAll(i => CertificateId.Of(i.Certificate, i.Certificate, HashName(request.CertificateHashData.HashAlgorithm)).Key == wanted);
            return new DeleteCertificateResponse
            {
                Status = removed > 0 ? DeleteCertificateStatusEnumType.Accepted : DeleteCertificateStatusEnumType.NotFound,
            };
        }
    }

    public static CertificateHashDataType HashData(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        var id = CertificateId.Of(certificate, issuer);
        return new CertificateHashDataType
        {
            HashAlgorithm = HashAlgorithmEnumType.SHA256, IssuerNameHash = id.IssuerNameHash, IssuerKeyHash = id.IssuerKeyHash,
            SerialNumber = id.SerialNumber,
        };
    }

    /// <summary>The OCSP request data OCPP carries in GetCertificateStatus and Authorize.</summary>
    public static OCSPRequestDataType OcspData(X509Certificate2 certificate, X509Certificate2 issuer, string responderUrl)
    {
        var hash = HashData(certificate, issuer);
        return new OCSPRequestDataType
        {
            HashAlgorithm = hash.HashAlgorithm, IssuerNameHash = hash.IssuerNameHash, IssuerKeyHash = hash.IssuerKeyHash,
            SerialNumber = hash.SerialNumber, ResponderURL = responderUrl,
        };
    }

    private static CertificateId Id(CertificateHashDataType d) =>
        new(HashName(d.HashAlgorithm).Name!, d.IssuerNameHash, d.IssuerKeyHash, d.SerialNumber);

    private static HashAlgorithmName HashName(HashAlgorithmEnumType algorithm) => algorithm switch
    {
        HashAlgorithmEnumType.SHA384 => HashAlgorithmName.SHA384,
        HashAlgorithmEnumType.SHA512 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private static CertificateSignedResponse Rejected(string reason) => new()
    {
        Status = CertificateSignedStatusEnumType.Rejected, StatusInfo = new StatusInfoType { ReasonCode = reason },
    };
}
