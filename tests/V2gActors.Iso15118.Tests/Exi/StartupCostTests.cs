using System.Diagnostics;
using V2gActors.Iso15118.Exi;
using Xunit.Abstractions;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>
/// Guards against a regression seen during development: grammar tables emitted as array literals made the
/// first CommonMessages decode cost ~8.5 s of JIT. The budget is loose because tests share the CPU.
/// </summary>
public sealed class StartupCostTests(ITestOutputHelper output)
{
    [Fact]
    public void First_decode_per_schema_is_cheap()
    {
        foreach (var schema in Enum.GetValues<ExiSchema>())
        {
            var sw = Stopwatch.StartNew();
            ExiCodec.TryDecode(schema, [0x80, 0x00, 0x00], out _, out _);
            output.WriteLine($"{schema}: first decode {sw.ElapsedMilliseconds} ms");
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), $"{schema}: first decode took {sw.ElapsedMilliseconds} ms");
        }
    }
}
