using System.Security.Cryptography.X509Certificates;
using V2gActors.Pki.Ocsp;

namespace V2gActors.Pki.V2g;

/// <summary>
/// The development stand-in for the ISO 15118 V2G PKI, generated (never committed) under one folder:
/// <list type="bullet">
/// <item>CPO side: V2G root → CPO Sub-CA 1 → CPO Sub-CA 2 → SECC leaf (CN = EVSE id). The CSMS signs the charging
/// stations' CSRs (OCPP SignCertificate) with CPO Sub-CA 2.</item>
/// <item>eMSP side: MO root → MO Sub-CA 1 → MO Sub-CA 2 → a contract certificate (CN = EMAID) for Plug &amp; Charge.</item>
/// </list>
/// ECDSA P-256/SHA-256 throughout (ISO 15118-2 uses secp256r1; -20 also accepts it). Every CA is known to
/// <see cref="StatusBook"/>, so the local OCSP responder answers for everything issued here.
/// </summary>
public sealed class V2gDevelopmentPki
{
    public const string DefaultEvseId = "DE*V2G*E0001*1";
    public const string DefaultEmaid = "DEV2GC000000001";

    private static readonly TimeSpan RootLifetime = TimeSpan.FromDays(365 * 10);
    private static readonly TimeSpan SubCaLifetime = TimeSpan.FromDays(365 * 4);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(365);

    private V2gDevelopmentPki(string folder) => Folder = folder;

    public string Folder { get; }

    public X509Certificate2 V2gRoot { get; private init; } = null!;
    public X509Certificate2 CpoSubCa1 { get; private init; } = null!;
    public X509Certificate2 CpoSubCa2 { get; private init; } = null!;
    public X509Certificate2 Secc { get; private init; } = null!;
    public X509Certificate2 MoRoot { get; private init; } = null!;
    public X509Certificate2 MoSubCa1 { get; private init; } = null!;
    public X509Certificate2 MoSubCa2 { get; private init; } = null!;
    public X509Certificate2 Contract { get; private init; } = null!;

    /// <summary>Loads the PKI from <paramref name="folder"/>, creating whatever is missing.</summary>
    public static V2gDevelopmentPki LoadOrCreate(string folder, string evseId = DefaultEvseId, string emaid = DefaultEmaid)
    {
        X509Certificate2 Get(string name, Func<X509Certificate2> create) => CertificateFiles.LoadOrCreate(folder, name, create);

        var (v2gRoot, cpo1, cpo2) = CaHierarchy(Get, "v2g-root", "cpo-sub-ca", "V2G Root", "CPO Sub-CA", "V2G");
        var secc = Get("secc", () => CertificateFactory.Issue(SeccProfile($"CN={evseId.Replace(",", "", StringComparison.Ordinal)}"), cpo2));
        var (moRoot, mo1, mo2) = CaHierarchy(Get, "mo-root", "mo-sub-ca", "MO Root", "MO Sub-CA", "MO");
        var contract = Get("contract", () => CertificateFactory.Issue(
            CertificateProfile.Leaf($"CN={emaid}, O=V2gActors development, DC=MO", LeafLifetime, [],
                X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyAgreement), mo2));

        return new V2gDevelopmentPki(folder)
        {
            V2gRoot = v2gRoot, CpoSubCa1 = cpo1, CpoSubCa2 = cpo2, Secc = secc,
            MoRoot = moRoot, MoSubCa1 = mo1, MoSubCa2 = mo2, Contract = contract,
        };
    }

    /// <summary>A root and two sub-CAs below it (path lengths 2, 1, 0), as both V2G PKI sides have them.</summary>
    private static (X509Certificate2 Root, X509Certificate2 Sub1, X509Certificate2 Sub2) CaHierarchy(
        Func<string, Func<X509Certificate2>, X509Certificate2> get, string rootFile, string subFile, string rootName, string subName, string domain)
    {
        string Subject(string name) => $"CN=V2gActors development {name}, O=V2gActors development, DC={domain}";
        var root = get(rootFile, () => CertificateFactory.SelfSigned(CertificateProfile.Ca(Subject(rootName), RootLifetime, pathLength: 2)));
        var sub1 = get(subFile + "-1", () => CertificateFactory.Issue(CertificateProfile.Ca(Subject(subName + " 1"), SubCaLifetime, pathLength: 1), root));
        var sub2 = get(subFile + "-2", () => CertificateFactory.Issue(CertificateProfile.Ca(Subject(subName + " 2"), SubCaLifetime, pathLength: 0), sub1));
        return (root, sub1, sub2);
    }

    /// <summary>The SECC chain below the root, leaf first (what a station installs as its V2G certificate chain).</summary>
    public IReadOnlyList<X509Certificate2> SeccChain => [Secc, CpoSubCa2, CpoSubCa1];

    /// <summary>The contract chain below the MO root, leaf first.</summary>
    public IReadOnlyList<X509Certificate2> ContractChain => [Contract, MoSubCa2, MoSubCa1];

    /// <summary>Every CA here, known to the local OCSP responder.</summary>
    public CertificateStatusBook StatusBook() =>
        new[] { V2gRoot, CpoSubCa1, CpoSubCa2, MoRoot, MoSubCa1, MoSubCa2 }.Aggregate(CertificateStatusBook.Empty, (book, ca) => book.WithIssuer(ca));

    /// <summary>
    /// Signs a station's CSR with CPO Sub-CA 2 (OCPP A02/A03 → CertificateSigned): a V2G (SECC) certificate for
    /// <paramref name="v2g"/>, else a charging-station certificate (clientAuth). Returns the PEM chain, leaf first, down to
    /// (not including) the V2G root, and the leaf. Throws <see cref="System.Security.Cryptography.CryptographicException"/>
    /// for a CSR that does not parse or whose signature is wrong.
    /// </summary>
    public (string ChainPem, X509Certificate2 Leaf) SignStationCsr(string csrPem, bool v2g)
    {
        var profile = v2g
            ? SeccProfile("CN=ignored")
            : CertificateProfile.Leaf("CN=ignored", LeafLifetime, [CertificateProfile.ClientAuth]);
        var leaf = CertificateFactory.SignRequest(csrPem, profile, CpoSubCa2);
        return (CertificateFiles.ChainPem(leaf, CpoSubCa2, CpoSubCa1), leaf);
    }

    private static CertificateProfile SeccProfile(string subject) =>
        CertificateProfile.Leaf(subject, LeafLifetime, [CertificateProfile.ServerAuth], X509KeyUsageFlags.KeyAgreement) with
        {
            SubjectAltNames = CertificateProfile.Loopback(),
        };
}
