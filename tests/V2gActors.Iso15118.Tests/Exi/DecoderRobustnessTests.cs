using System.Diagnostics;
using V2gActors.Iso15118.Exi;
using Xunit.Abstractions;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>
/// Hostile input: random bytes and mutated vectors must produce a decode result or a decode error, never an
/// exception and never a hang. Seeds are fixed so a failure reproduces.
/// </summary>
public sealed class DecoderRobustnessTests(ITestOutputHelper output)
{
    private static readonly ExiSchema[] Schemas = Enum.GetValues<ExiSchema>();
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public void Random_bytes_never_escape_as_exceptions()
    {
        var random = new Random(15118);
        var stopwatch = Stopwatch.StartNew();
        var tried = 0;
        var accepted = 0;
        for (; tried < 20_000; tried++)
        {
            var bytes = new byte[random.Next(0, 96)];
            random.NextBytes(bytes);
            // Most random streams die at the header; give half of them a valid one to reach the grammars.
            if (bytes.Length > 0 && random.Next(2) == 0) bytes[0] = 0x80;
            if (Decode(Schemas[tried % Schemas.Length], bytes)) accepted++;
            Assert.True(stopwatch.Elapsed < Budget, $"decoding {tried} inputs exceeded {Budget}");
        }
        output.WriteLine($"random: {tried} inputs tried, {accepted} decoded, {stopwatch.ElapsedMilliseconds} ms");
        V2gActors.TestSupport.TestReport.Line($"fuzz (EXI decoder, random inputs): {tried} inputs tried, 0 crashes, no hang");
    }

    [Fact]
    public void Mutated_vectors_never_escape_as_exceptions()
    {
        var random = new Random(20);
        var vectors = ExiVectors.Values.ToList();
        var stopwatch = Stopwatch.StartNew();
        var tried = 0;
        var accepted = 0;
        for (; tried < 20_000; tried++)
        {
            var vector = vectors[tried % vectors.Count];
            var bytes = Mutate(vector.Exi, random);
            if (Decode(vector.Schema, bytes)) accepted++;
            Assert.True(stopwatch.Elapsed < Budget, $"decoding {tried} inputs exceeded {Budget}");
        }
        output.WriteLine($"mutated: {tried} inputs tried, {accepted} still decoded, {stopwatch.ElapsedMilliseconds} ms");
        V2gActors.TestSupport.TestReport.Line($"fuzz (EXI decoder, mutated inputs): {tried} inputs tried, 0 crashes, no hang");
    }

    [Fact]
    public void Every_truncation_of_every_vector_is_a_decode_error_or_a_valid_document()
    {
        var tried = 0;
        foreach (var vector in ExiVectors.Values)
        for (var length = 0; length < vector.Exi.Length; length++, tried++)
        {
            var ok = ExiCodec.TryDecode(vector.Schema, vector.Exi.AsSpan(0, length), out _, out var error);
            if (!ok) Assert.False(string.IsNullOrEmpty(error));
        }
        output.WriteLine($"truncations: {tried} inputs tried");
        V2gActors.TestSupport.TestReport.Line($"fuzz (EXI decoder, truncated inputs): {tried} inputs tried, 0 crashes, no hang");
    }

    private static bool Decode(ExiSchema schema, byte[] bytes)
    {
        var ok = ExiCodec.TryDecode(schema, bytes, out var document, out var error);
        Assert.True(ok ? document is not null : !string.IsNullOrEmpty(error));
        return ok;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;          // bit flip
                case 1: bytes[at] = (byte)random.Next(256); break;                 // byte replace
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;            // truncate
                case 3: bytes.Insert(at, (byte)random.Next(256)); break;           // insert
                default: bytes[at] = 0xFF; break;                                   // long varints / lengths
            }
        }
        return bytes.ToArray();
    }
}
