using System.Text;
using V2gActors.Ocpp;
using V2gActors.TestSupport.Ocpp;
using Xunit.Abstractions;

namespace V2gActors.Ocpp.Tests.Messages;

/// <summary>
/// Each single-rule break of a maximal sample yields the OCPP-J error code part 4 prescribes, names the JSON
/// path, and our verdict (valid / invalid) matches NJsonSchema's reading of the official schema.
/// </summary>
public sealed class MutationTests(ITestOutputHelper output)
{
    public static TheoryData<OcppVersion, string, OcppPayloadKind> Cases() => MessageCases.All();

    [Fact]
    public void Hundreds_of_mutations_are_compared_with_NJsonSchema()
    {
        var total = MessageCases.Versions.Sum(v => OcppSchemaFiles.Messages(v).Sum(m => SchemaMutations.For(v, m.Action, m.Kind, perKind: 3).Count));
        output.WriteLine($"{total} mutations across both editions");
        Assert.True(total > 1000, $"only {total} mutations");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_single_break_gets_the_prescribed_error_and_NJsonSchema_agrees(OcppVersion version, string action, OcppPayloadKind kind)
    {
        var mutations = SchemaMutations.For(version, action, kind, perKind: 3);
        Assert.NotEmpty(mutations);
        var failures = new List<string>();
        foreach (var m in mutations)
        {
            var ours = OcppPayloadCodec.Validate(version, action, kind, Encoding.UTF8.GetBytes(m.Json));
            var official = OcppSchemaValidator.Validate(version, action, kind, m.Json);
            if (m.Expected is null)
            {
                if (ours is not null) failures.Add($"{m.Description}: expected valid, got {ours.Code} {ours.Description}");
                if (official.Count > 0 && m.NJsonSchemaDivergence is null) failures.Add($"{m.Description}: NJsonSchema disagrees: {string.Join("; ", official)}");
                continue;
            }
            if (ours is null) { failures.Add($"{m.Description}: accepted"); continue; }
            if (ours.Code != m.Expected) failures.Add($"{m.Description}: expected {m.Expected}, got {ours.Code} ({ours.Description})");
            if (!ours.Description.StartsWith(m.Path + ":", StringComparison.Ordinal))
                failures.Add($"{m.Description}: description '{ours.Description}' does not name {m.Path}");
            if (official.Count == 0 && m.NJsonSchemaDivergence is null) failures.Add($"{m.Description}: NJsonSchema accepts what we reject");
        }
        output.WriteLine($"{mutations.Count} mutations");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
