using V2gActors.Ieee2030_5.Client;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Tests.Server;

namespace V2gActors.Ieee2030_5.Tests.EndToEnd;

/// <summary>Building blocks of the end-to-end scenarios: a connected client and DSO-side controls.</summary>
internal static class Scenario
{
    private static int _mridCounter;

    public static Task<CsipClient> ConnectAsync(HeadEndFixture f, System.Security.Cryptography.X509Certificates.X509Certificate2 cert) =>
        CsipClient.ConnectAsync(new CsipClientOptions
        {
            ServerBaseAddress = f.Server.BaseAddress, ClientCertificate = cert, TrustedRoot = f.Pki.Root, RandomizationSeed = 7,
        });

    public static byte[] NewMrid()
    {
        var mrid = new byte[16];
        mrid[0] = 0xB1;
        BitConverter.GetBytes(Interlocked.Increment(ref _mridCounter)).CopyTo(mrid, 12);
        return mrid;
    }

    public static DERControl Control(byte[] mrid, long created, long start, uint duration, DERControlBase modes) => new()
    {
        MRID = mrid, Description = "DSO event", CreationTime = created,
        EventStatus = new EventStatus { CurrentStatus = start <= created ? (byte)1 : (byte)0, DateTime = created },
        Interval = new DateTimeInterval { Start = start, Duration = duration },
        DERControlBase = modes,
        ResponseRequired = [0x03],
    };
}
