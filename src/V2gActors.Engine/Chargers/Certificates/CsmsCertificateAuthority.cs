using System.Security.Cryptography.X509Certificates;
using V2gActors.Pki;
using V2gActors.Pki.Ocsp;
using V2gActors.Pki.V2g;

namespace V2gActors.Engine.Chargers.Certificates;

/// <summary>
/// The CSMS's certificate services for Plug &amp; Charge and station certificates: the development V2G PKI (loaded or
/// generated under <see cref="Folder"/> on first use, so nodes that never see a certificate message never touch the
/// disk), CSR signing with its CPO Sub-CA, and the local OCSP responder's <see cref="CertificateStatusBook"/>. One per
/// node, shared by its charger entities; thread-safe (the book is an immutable value swapped atomically).
/// </summary>
public sealed class CsmsCertificateAuthority
{
    private readonly Lazy<V2gDevelopmentPki> _pki;
    private CertificateStatusBook? _book;

    public CsmsCertificateAuthority(string folder)
    {
        Folder = folder;
        _pki = new Lazy<V2gDevelopmentPki>(() => V2gDevelopmentPki.LoadOrCreate(folder), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Folder { get; }

    public V2gDevelopmentPki Pki => _pki.Value;

    /// <summary>What the local OCSP responder knows now.</summary>
    public CertificateStatusBook StatusBook
    {
        get
        {
            var book = Volatile.Read(ref _book);
            if (book is not null) return book;
            Interlocked.CompareExchange(ref _book, Pki.StatusBook(), null);
            return _book!;
        }
    }

    public CertificateStatus Status(CertificateId id) => StatusBook.Lookup(id);

    /// <summary>The DER OCSPResponse for <paramref name="id"/> (RFC 6960), signed by the issuing CA.</summary>
    public byte[] OcspResponse(CertificateId id, DateTimeOffset now) => OcspResponder.Respond(StatusBook, id, now);

    /// <summary>Marks <paramref name="certificate"/> revoked from now on (operators; tests).</summary>
    public void Revoke(X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at)
    {
        CertificateStatusBook current, next;
        do
        {
            current = StatusBook;
            next = current.Revoke(certificate, issuer, at);
        }
        while (Interlocked.CompareExchange(ref _book, next, current) != current);
    }

    /// <summary>Signs a station's CSR with the CPO Sub-CA; see <see cref="V2gDevelopmentPki.SignStationCsr"/>.</summary>
    public (string ChainPem, X509Certificate2 Leaf) SignStationCsr(string csrPem, bool v2g) => Pki.SignStationCsr(csrPem, v2g);
}
