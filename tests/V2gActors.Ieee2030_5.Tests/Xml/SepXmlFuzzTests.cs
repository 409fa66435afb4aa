using System.Text;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Xml;
using V2gActors.TestSupport;
using V2gActors.TestSupport.Fuzzing;

namespace V2gActors.Ieee2030_5.Tests.Xml;

/// <summary>
/// Random and mutated sep+xml bodies: each one decodes or fails with <see cref="SepXmlException"/> (which the server
/// turns into 400 + Error); no other exception escapes, and the hardened reader never resolves an entity.
/// </summary>
public sealed class SepXmlFuzzTests
{
    private static readonly string[] Seeds =
    [
        """<DERControl xmlns="urn:ieee:std:2030.5:ns" href="/derp/1/derc/1"><mRID>0102030405060708090A0B0C0D0E0F10</mRID><description>export limit</description><creationTime>1764460800</creationTime><EventStatus><currentStatus>1</currentStatus><dateTime>1764460800</dateTime><potentiallySuperseded>false</potentiallySuperseded></EventStatus><interval><duration>900</duration><start>1764460800</start></interval><DERControlBase><opModMaxLimW><multiplier>3</multiplier><value>-50</value></opModMaxLimW></DERControlBase></DERControl>""",
        """<Response xmlns="urn:ieee:std:2030.5:ns"><createdDateTime>1764460800</createdDateTime><endDeviceLFDI>0123456789ABCDEF0123456789ABCDEF01234567</endDeviceLFDI><status>1</status><subject>0102030405060708090A0B0C0D0E0F10</subject></Response>""",
        """<EndDevice xmlns="urn:ieee:std:2030.5:ns" href="/edev/1"><sFDI>123456789012</sFDI><changedTime>1764460800</changedTime></EndDevice>""",
        """<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Response xmlns="urn:ieee:std:2030.5:ns"><status>&x;</status></Response>""",
    ];

    private static ReadOnlySpan<byte> XmlSyntax => "<>/=\"&;!?[]x:"u8;

    [Fact]
    public void Mutated_and_random_bodies_decode_or_fail_with_a_SepXmlException()
    {
        var iterations = InputMutator.Iterations(6000);
        var random = new Random(20305);
        Type[] types = [typeof(DERControl), typeof(Response), typeof(EndDevice)];
        int decoded = 0, refused = 0;
        for (var i = 0; i < iterations; i++)
        {
            var input = i % 10 == 9
                ? InputMutator.RandomBytes(random, 400)
                : InputMutator.Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]), XmlSyntax);
            try
            {
                SepXml.Deserialize(types[i % types.Length], input);
                decoded++;
            }
            catch (SepXmlException)
            {
                refused++;
            }
        }
        Assert.Equal(iterations, decoded + refused);
        TestReport.Line($"fuzz (sep+xml codec): {iterations} inputs tried, {decoded} decoded, {refused} refused as 400, 0 crashes");
    }
}
