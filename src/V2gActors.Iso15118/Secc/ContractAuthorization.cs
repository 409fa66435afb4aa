using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;

namespace V2gActors.Iso15118.Secc;

/// <summary>
/// What the SECC trusts for Plug &amp; Charge: the roots a contract certificate chain must lead to (mobility-operator
/// roots and/or the V2G root). With none configured the SECC offers EIM only.
/// </summary>
public sealed record ContractTrust(IReadOnlyList<X509Certificate2> Roots)
{
    public bool Offered => Roots.Count > 0;
}

/// <summary>
/// PnC authorization on the SECC side (-20 Authorization with PnC_AReqAuthorizationMode): the EV must echo the
/// challenge the SECC sent in AuthorizationSetupRes, and its contract certificate (with the sub-CAs it sends) must chain
/// to a trusted root and be valid now. Pure apart from the chain engine; answers the -20 warning codes an EVCC
/// understands. The XML signature over the request (header Signature) is not verified yet.
/// </summary>
public static class ContractAuthorization
{
    public const int ChallengeLength = 16;

    public static byte[] NewChallenge() => RandomNumberGenerator.GetBytes(ChallengeLength);

    public static (Cm.ResponseCodeType Code, string Detail) Verify(Cm.PnC_AReqAuthorizationModeType request, ReadOnlySpan<byte> challenge,
        ContractTrust trust, DateTimeOffset now)
    {
        if (challenge.IsEmpty || !CryptographicOperations.FixedTimeEquals(request.GenChallenge, challenge))
            return (Cm.ResponseCodeType.WARNING_ChallengeInvalid, "GenChallenge is not the one this SECC sent");

        X509Certificate2 leaf;
        var subs = new List<X509Certificate2>();
        try
        {
            leaf = X509CertificateLoader.LoadCertificate(request.ContractCertificateChain.Certificate);
            foreach (var der in request.ContractCertificateChain.SubCertificates.Certificate) subs.Add(X509CertificateLoader.LoadCertificate(der));
        }
        catch (CryptographicException e)
        {
            return (Cm.ResponseCodeType.WARNING_CertificateValidationError, $"contract chain is not DER X.509: {e.Message}");
        }
        using (leaf)
        {
            try
            {
                if (now < leaf.NotBefore.ToUniversalTime())
                    return (Cm.ResponseCodeType.WARNING_CertificateNotYetValid, $"contract certificate valid from {leaf.NotBefore:u}");
                if (now > leaf.NotAfter.ToUniversalTime())
                    return (Cm.ResponseCodeType.WARNING_CertificateExpired, $"contract certificate expired {leaf.NotAfter:u}");
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationTime = now.UtcDateTime;
                chain.ChainPolicy.CustomTrustStore.AddRange(trust.Roots.ToArray());
                chain.ChainPolicy.ExtraStore.AddRange(subs.ToArray());
                if (!chain.Build(leaf))
                    return (Cm.ResponseCodeType.WARNING_CertificateValidationError,
                        "contract chain does not lead to a trusted MO/V2G root: " +
                        string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct()));
                return (Cm.ResponseCodeType.OK, $"contract {leaf.GetNameInfo(X509NameType.SimpleName, false)} accepted");
            }
            finally
            {
                foreach (var sub in subs) sub.Dispose();
            }
        }
    }
}
