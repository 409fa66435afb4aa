using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using V2gActors.Iso15118.Exi;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>
/// Vectors that state their content as JSON: the decoded document, projected to the same JSON shape
/// (absent optionals dropped, binary as upper-case hex, enumerations by schema spelling), must equal it.
/// </summary>
public sealed class VectorJsonTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var v in ExiVectors.Values.Where(v => v.DecodedJson is not null)) data.Add(v.Id);
        return data;
    }

    private static readonly JsonSerializerOptions Projection = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new HexConverter(), new JsonStringEnumConverter() },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decoded_content_matches_the_stated_json(string id)
    {
        var vector = ExiVectors.Get(id);
        Assert.True(ExiCodec.TryDecode(vector.Schema, vector.Exi, out var document, out var error), error);

        var actual = new JsonObject { [document!.RootName] = DropEmptyLists(JsonSerializer.SerializeToNode(document.Body, document.Body.GetType(), Projection)) };

        Assert.True(JsonNode.DeepEquals(vector.DecodedJson, actual),
            $"expected {vector.DecodedJson!.ToJsonString()}\n  actual {actual.ToJsonString()}");
    }

    // decoded_json leaves out list-valued elements that do not occur; the generated classes hold them as [].
    private static JsonNode? DropEmptyLists(JsonNode? node)
    {
        if (node is JsonObject obj)
            foreach (var (key, value) in obj.ToList())
            {
                if (value is JsonArray { Count: 0 }) obj.Remove(key);
                else DropEmptyLists(value);
            }
        else if (node is JsonArray array)
            foreach (var item in array) DropEmptyLists(item);
        return node;
    }

    private sealed class HexConverter : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Convert.FromHexString(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Convert.ToHexString(value));
    }
}
