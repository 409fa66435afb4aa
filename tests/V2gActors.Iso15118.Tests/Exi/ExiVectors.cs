using System.Text.Json;
using System.Text.Json.Nodes;
using V2gActors.Iso15118.Exi;
using V2gActors.TestSupport;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>One entry of shared/specs/iso15118-20/vectors.json.</summary>
public sealed record ExiVector(string Id, string Message, string Namespace, string PayloadTypeHex, byte[] Exi, JsonNode? DecodedJson)
{
    public ExiSchema Schema => ExiCodec.SchemaForNamespace(Namespace) ?? throw new InvalidOperationException(Namespace);

    public override string ToString() => Id;
}

public static class ExiVectors
{
    private static readonly Lazy<IReadOnlyDictionary<string, ExiVector>> All = new(Load);

    public static ExiVector Get(string id) => All.Value[id];

    public static IEnumerable<ExiVector> Values => All.Value.Values;

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in All.Value.Keys) data.Add(id);
        return data;
    }

    private static IReadOnlyDictionary<string, ExiVector> Load()
    {
        using var stream = File.OpenRead(Specs.PathOf("iso15118-20", "vectors.json"));
        var root = JsonNode.Parse(stream)!;
        var result = new Dictionary<string, ExiVector>();
        foreach (var v in root["vectors"]!.AsArray())
        {
            var id = v!["id"]!.GetValue<string>();
            result[id] = new ExiVector(id, v["message"]!.GetValue<string>(), v["namespace"]!.GetValue<string>(),
                v["v2gtp_payload_type"]!.GetValue<string>(),
                Convert.FromHexString(v["exi_hex"]!.GetValue<string>()), v["decoded_json"]);
        }
        return result;
    }
}
