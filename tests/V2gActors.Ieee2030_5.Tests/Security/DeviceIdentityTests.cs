using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Ieee2030_5.Security;

namespace V2gActors.Ieee2030_5.Tests.Security;

public class DeviceIdentityTests
{
    [Fact]
    public void Sfdi_matches_the_standard_worked_example()
    {
        // The 2030.5 example: LFDI 3E4F45AB31EDFE5B67E343E5E4562E31984E23E5 has SFDI 167261211391.
        var identity = DeviceIdentity.FromLfdi(Convert.FromHexString("3E4F45AB31EDFE5B67E343E5E4562E31984E23E5"));

        Assert.Equal(167_261_211_391UL, identity.Sfdi);
    }

    [Fact]
    public void Sfdi_check_digit_makes_the_digit_sum_a_multiple_of_ten()
    {
        for (var i = 0; i < 200; i++)
        {
            var sfdi = DeviceIdentity.SfdiOf(RandomNumberGenerator.GetBytes(20));
            Assert.Equal(0, sfdi.ToString().Sum(c => c - '0') % 10);
            Assert.True(sfdi < 687_194_767_360UL, "36 bits and one check digit");
        }
    }

    [Fact]
    public void Lfdi_is_the_first_160_bits_of_the_certificate_sha256()
    {
        using var pki = DevelopmentPki.Create();
        using var cert = pki.IssueDevice("device");

        var identity = DeviceIdentity.Of(cert);

        Assert.Equal(40, identity.Lfdi.Length);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(cert.RawData))[..40], identity.Lfdi);
    }

    [Fact]
    public void Dev_pki_issues_p256_ecdsa_certificates_chaining_to_its_root()
    {
        using var pki = DevelopmentPki.Create();
        using var cert = pki.IssueDevice("device");
        using var key = cert.GetECDsaPublicKey();
        using var chain = new System.Security.Cryptography.X509Certificates.X509Chain { ChainPolicy = pki.TrustPolicy() };

        Assert.Equal(256, key!.KeySize);
        Assert.True(chain.Build(cert));
    }
}
