using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Ieee2030_5.Security;

/// <summary>
/// 2030.5 identifies a device by its certificate: the LFDI is the first 160 bits of the SHA-256 of the
/// certificate's DER encoding, the SFDI the first 36 of those bits in decimal followed by a check digit that
/// makes the digit sum a multiple of ten (so a person typing it in can be caught mistyping).
/// </summary>
public sealed record DeviceIdentity(string Lfdi, ulong Sfdi)
{
    public static DeviceIdentity Of(X509Certificate2 certificate) => FromLfdi(LfdiOf(certificate.RawData));

    public static DeviceIdentity FromLfdi(byte[] lfdi) => new(Convert.ToHexString(lfdi), SfdiOf(lfdi));

    public byte[] LfdiBytes => Convert.FromHexString(Lfdi);

    public static byte[] LfdiOf(ReadOnlySpan<byte> certificateDer) => SHA256.HashData(certificateDer)[..20];

    public static ulong SfdiOf(ReadOnlySpan<byte> lfdi)
    {
        if (lfdi.Length < 5) throw new ArgumentException("an LFDI has 20 bytes", nameof(lfdi));
        ulong first36 = 0;
        for (var i = 0; i < 5; i++) first36 = (first36 << 8) | lfdi[i];
        first36 >>= 4;
        var digitSum = first36.ToString(CultureInfo.InvariantCulture).Sum(c => c - '0');
        var check = (ulong)((10 - digitSum % 10) % 10);
        return first36 * 10 + check;
    }
}
