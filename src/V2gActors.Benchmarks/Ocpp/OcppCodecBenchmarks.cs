using System.Buffers;
using BenchmarkDotNet.Attributes;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;

namespace V2gActors.Benchmarks.Ocpp;

/// <summary>
/// The per-message CPU cost on the OCPP path: the RPC frame (OcppFrameCodec) and the typed payload with validation
/// (OcppPayloadCodec), each direction, for the payloads of <see cref="OcppSamples"/>.
/// </summary>
[BenchmarkCategory("ocpp")]
public class OcppCodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private byte[] _frameBytes = [];
    private byte[] _payload = [];
    private CallFrame _frame = null!;
    private object _typed = null!;

    [Params("MeterValues", "TransactionEvent", "SetChargingProfile")]
    public string Action { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        (_, _payload) = OcppSamples.Get(Action);
        if (!OcppPayloadCodec.TryDecode(OcppVersion.V21, Action, OcppPayloadKind.Request, _payload, out var typed, out var error))
            throw new InvalidOperationException($"sample {Action} is not valid OCPP 2.1: {error}");
        _typed = typed!;
        _frame = new CallFrame("19223201-8a4f-4bd4-9f5e-2a1d5c3e0b7a", Action, _payload);
        _frameBytes = OcppFrameCodec.ToBytes(_frame);
    }

    [Benchmark(Description = "frame parse (CALL)")]
    public OcppFrameParseResult ParseFrame() => OcppFrameCodec.Parse(_frameBytes, OcppVersion.V21);

    [Benchmark(Description = "frame write (CALL)")]
    public int WriteFrame()
    {
        _output.ResetWrittenCount();
        OcppFrameCodec.Write(_frame, _output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "payload decode+validate")]
    public object? DecodePayload() =>
        OcppPayloadCodec.TryDecode(OcppVersion.V21, Action, OcppPayloadKind.Request, _payload, out var typed, out _) ? typed : null;

    [Benchmark(Description = "payload encode")]
    public byte[] EncodePayload() => OcppPayloadCodec.Encode(_typed);

    /// <summary>What the CSMS does for every inbound CALL before the actor sees it: frame, then typed payload.</summary>
    [Benchmark(Description = "inbound: frame parse + payload decode")]
    public object? ParseAndDecode()
    {
        var parsed = OcppFrameCodec.Parse(_frameBytes, OcppVersion.V21);
        var call = (CallFrame)parsed.Frame!;
        return OcppPayloadCodec.TryDecode(OcppVersion.V21, call.Action, OcppPayloadKind.Request, call.Payload.Span, out var typed, out _) ? typed : null;
    }
}
