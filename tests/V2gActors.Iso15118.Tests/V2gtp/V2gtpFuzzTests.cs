using V2gActors.Iso15118.V2gtp;
using V2gActors.TestSupport;
using V2gActors.TestSupport.Fuzzing;

namespace V2gActors.Iso15118.Tests.V2gtp;

/// <summary>
/// Random and bit-flipped V2GTP streams: the frame reader always answers with a status (frame, need more, invalid
/// header, too large, unknown type), never throws, never consumes more than it was given and never asks to buffer
/// more than its limit.
/// </summary>
public sealed class V2gtpFuzzTests
{
    [Fact]
    public void Random_and_mutated_streams_always_get_a_status()
    {
        var iterations = InputMutator.Iterations(20_000);
        var random = new Random(15118_2);
        var reader = new V2gtpFrameReader(maxPayloadLength: 4096);
        byte[] valid = [0x01, 0xFE, 0x80, 0x02, 0x00, 0x00, 0x00, 0x04, 0x80, 0x00, 0xDB, 0xAB];
        var counts = new Dictionary<V2gtpReadStatus, int>();
        for (var i = 0; i < iterations; i++)
        {
            var input = (i % 3) switch
            {
                0 => InputMutator.RandomBytes(random, 64),
                1 => InputMutator.FlipBits(random, valid),
                _ => valid[..random.Next(valid.Length + 1)],
            };
            var status = reader.TryRead(input, out var frame, out var consumed);
            Assert.InRange(consumed, 0, input.Length);
            Assert.Equal(status == V2gtpReadStatus.Frame, frame is not null);
            counts[status] = counts.GetValueOrDefault(status) + 1;
        }
        TestReport.Line($"fuzz (V2GTP frame reader): {iterations} inputs tried, " +
                        string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Value} {c.Key}")) + ", 0 crashes");
    }
}
