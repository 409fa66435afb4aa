using BenchmarkDotNet.Attributes;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Benchmarks.Ieee2030_5;

/// <summary>application/sep+xml cost of the resource a CSIP client polls most: a DERControl with a setpoint.</summary>
[BenchmarkCategory("sepxml")]
public class SepXmlBenchmarks
{
    private DERControl _control = null!;
    private byte[] _xml = [];

    [GlobalSetup]
    public void Setup()
    {
        _control = new DERControl
        {
            Href = "/derp/1/derc/1", ReplyTo = "/rsps/1/rsp", ResponseRequired = [0x03], Subscribable = 0,
            MRID = Convert.FromHexString("A1000000000000000000000000000001"), Description = "Evening peak export limit",
            Version = 0, CreationTime = 1_795_000_000,
            EventStatus = new EventStatus { CurrentStatus = 0, DateTime = 1_795_000_000, PotentiallySuperseded = false },
            Interval = new DateTimeInterval { Start = 1_795_000_600, Duration = 3_600 },
            DERControlBase = new DERControlBase
            {
                OpModConnect = true, OpModMaxLimW = 8_000,
                OpModTargetW = new ActivePowerControlType { Multiplier = 0, Value = -3_600 },
            },
        };
        _xml = SepXml.Serialize(_control);
        _ = SepXml.Deserialize<DERControl>(_xml);
    }

    [Benchmark(Description = "DERControl serialise")]
    public byte[] Serialise() => SepXml.Serialize(_control);

    [Benchmark(Description = "DERControl parse")]
    public DERControl Parse() => SepXml.Deserialize<DERControl>(_xml);
}
