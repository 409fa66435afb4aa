namespace V2gActors.TestSupport.Fuzzing;

/// <summary>
/// Random and mutated inputs for the parsers' fuzz tests (OCPP-J, sep+xml, V2GTP, EXI, command host). Seeds are
/// fixed by the callers so that a failure reproduces; <c>V2G_FUZZ_ITERATIONS</c> lengthens a run on demand.
/// </summary>
public static class InputMutator
{
    public static int Iterations(int inTestSuite) =>
        int.TryParse(Environment.GetEnvironmentVariable("V2G_FUZZ_ITERATIONS"), out var n) && n > 0 ? n : inTestSuite;

    public static byte[] RandomBytes(Random random, int maxLength = 200)
    {
        var bytes = new byte[random.Next(0, maxLength)];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>One to three edits of a valid seed: replace, delete a run, insert a syntax character, truncate, duplicate a run.</summary>
    /// <param name="syntax">Characters that matter to the format (JSON punctuation, XML markup…), inserted at random.</param>
    public static byte[] Mutate(Random random, ReadOnlySpan<byte> seed, ReadOnlySpan<byte> syntax)
    {
        var data = new List<byte>(seed.ToArray());
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0: data[at] = (byte)random.Next(32, 127); break;
                case 1: data.RemoveRange(at, random.Next(1, Math.Min(8, data.Count - at) + 1)); break;
                case 2: data.Insert(at, syntax[random.Next(syntax.Length)]); break;
                case 3: data.RemoveRange(at, data.Count - at); break;
                default: data.InsertRange(at, data.GetRange(at, Math.Min(16, data.Count - at))); break;
            }
        }
        return [.. data];
    }

    /// <summary>Flips one to four random bits: the mutation that suits binary formats (EXI, V2GTP headers).</summary>
    public static byte[] FlipBits(Random random, ReadOnlySpan<byte> seed)
    {
        var data = seed.ToArray();
        if (data.Length == 0) return data;
        for (var i = random.Next(1, 5); i > 0; i--) data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
        return data;
    }
}
