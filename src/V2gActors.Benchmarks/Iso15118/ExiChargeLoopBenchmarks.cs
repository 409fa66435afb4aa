using BenchmarkDotNet.Attributes;
using V2gActors.Iso15118.Exi;
using Ac = V2gActors.Iso15118.Exi.Generated.Ac;

namespace V2gActors.Benchmarks.Iso15118;

/// <summary>
/// The ISO 15118-20 charge loop's codec cost per message (budget: encode/decode ≤ 2 µs): an AC_ChargeLoopReq in
/// Scheduled control mode, the same message the codec's tests check against a reference vector.
/// </summary>
[BenchmarkCategory("exi")]
public class ExiChargeLoopBenchmarks
{
    private Ac.AC_ChargeLoopReqType _request = null!;
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        static Ac.RationalNumberType N(short value, sbyte exponent) => new() { Value = value, Exponent = exponent };
        _request = new Ac.AC_ChargeLoopReqType
        {
            Header = new Ac.MessageHeaderType { SessionID = [1, 2, 3, 4, 5, 6, 7, 8], TimeStamp = 1725456333 },
            MeterInfoRequested = false,
            Scheduled_AC_CLReqControlMode = new Ac.Scheduled_AC_CLReqControlModeType
            {
                EVTargetEnergyRequest = N(12345, 0), EVMaximumEnergyRequest = N(12000, 0), EVMinimumEnergyRequest = N(1, 0),
                EVMaximumChargePower = N(3200, -2), EVMaximumChargePower_L2 = N(0, 0), EVMaximumChargePower_L3 = N(0, 0),
                EVMinimumChargePower = N(2000, -2), EVMinimumChargePower_L2 = N(0, 0), EVMinimumChargePower_L3 = N(0, 0),
                EVPresentActivePower = N(12000, 0), EVPresentActivePower_L2 = N(0, 0), EVPresentActivePower_L3 = N(0, 0),
                EVPresentReactivePower = N(0, 0), EVPresentReactivePower_L2 = N(0, 0), EVPresentReactivePower_L3 = N(0, 0),
            },
        };
        _encoded = ExiCodec.Encode(ExiSchema.Ac, _request);
        if (!ExiCodec.TryDecode(ExiSchema.Ac, _encoded, out _, out var error))
            throw new InvalidOperationException($"AC_ChargeLoopReq does not round-trip: {error}");
    }

    [Benchmark(Description = "AC_ChargeLoopReq encode")]
    public byte[] Encode() => ExiCodec.Encode(ExiSchema.Ac, _request);

    [Benchmark(Description = "AC_ChargeLoopReq decode")]
    public ExiDocument? Decode() => ExiCodec.TryDecode(ExiSchema.Ac, _encoded, out var document, out _) ? document : null;
}
