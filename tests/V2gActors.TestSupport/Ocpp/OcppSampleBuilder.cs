using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using V2gActors.Ocpp;

namespace V2gActors.TestSupport.Ocpp;

/// <summary>How much of the schema a sample exercises.</summary>
public enum OcppSampleSize
{
    /// <summary>Required properties only; arrays at minItems; strings of one character; numbers at their minimum.</summary>
    Minimal,
    /// <summary>Every property (customData included); arrays of two items where allowed; strings at maxLength; numbers at their maximum.</summary>
    Maximal,
}

/// <summary>
/// Builds schema-valid instances straight from an official OCPP schema file, independent of the generated
/// C# types, so round-trip tests compare our code against the OCA's definition rather than against itself.
/// </summary>
public static class OcppSampleBuilder
{
    public const string SampleDateTime = "2025-03-04T05:06:07Z";
    private const int MaxDepth = 12;

    public static JsonObject Build(OcppVersion version, string action, OcppPayloadKind kind, OcppSampleSize size)
    {
        var schema = JsonNode.Parse(File.ReadAllText(OcppSchemaFiles.PathOf(version, action, kind)))!.AsObject();
        var definitions = schema["definitions"]?.AsObject() ?? new JsonObject();
        return (JsonObject)new Walker(definitions, size).Value(schema, 0);
    }

    public static string BuildJson(OcppVersion version, string action, OcppPayloadKind kind, OcppSampleSize size) =>
        Build(version, action, kind, size).ToJsonString();

    private sealed class Walker(JsonObject definitions, OcppSampleSize size)
    {
        private bool Max => size == OcppSampleSize.Maximal;

        public JsonNode Value(JsonNode schemaNode, int depth)
        {
            var schema = Resolve(schemaNode.AsObject());
            if (schema["enum"] is JsonArray values)
                return JsonValue.Create((Max ? values[^1] : values[0])!.GetValue<string>())!;
            var type = schema["type"]?.GetValue<string>();
            return type switch
            {
                "object" => Object(schema, depth),
                "array" => Array(schema, depth),
                "string" => String(schema),
                "integer" => JsonValue.Create(Integer(schema)),
                "number" => JsonValue.Create(Number(schema)),
                "boolean" => JsonValue.Create(Max),
                null => new JsonObject { ["any"] = new JsonArray(1, "two", true) },
                _ => throw new InvalidOperationException($"Unexpected schema type {type}"),
            };
        }

        private JsonObject Resolve(JsonObject schema)
        {
            var reference = schema["$ref"]?.GetValue<string>();
            return reference is null ? schema : definitions[reference["#/definitions/".Length..]]!.AsObject();
        }

        private JsonObject Object(JsonObject schema, int depth)
        {
            var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            var result = new JsonObject();
            if (schema["properties"] is not JsonObject properties) return result;
            foreach (var (name, property) in properties)
            {
                var include = required.Contains(name) || (Max && depth < MaxDepth);
                if (include) result[name] = Value(property!, depth + 1);
            }
            return result;
        }

        private JsonArray Array(JsonObject schema, int depth)
        {
            var min = schema["minItems"]?.GetValue<int>() ?? 0;
            var max = schema["maxItems"]?.GetValue<int>() ?? int.MaxValue;
            var count = Max ? Math.Min(max, Math.Max(min, 2)) : min;
            var array = new JsonArray();
            for (var i = 0; i < count; i++) array.Add(Value(schema["items"]!, depth + 1));
            return array;
        }

        private JsonNode String(JsonObject schema)
        {
            if (schema["format"]?.GetValue<string>() == "date-time") return JsonValue.Create(SampleDateTime)!;
            var maxLength = schema["maxLength"]?.GetValue<int>();
            if (!Max) return JsonValue.Create("x")!;
            return JsonValue.Create(maxLength is { } n ? new string('m', n) : "a string without a length limit")!;
        }

        private long Integer(JsonObject schema)
        {
            var min = Bound(schema, "minimum");
            var max = Bound(schema, "maximum");
            if (!Max) return (long)(min ?? 0);
            return (long)(max ?? (min ?? 0) + 42);
        }

        private decimal Number(JsonObject schema)
        {
            var min = Bound(schema, "minimum");
            var max = Bound(schema, "maximum");
            if (!Max) return min ?? max ?? 0m;
            return max ?? (min ?? 0m) + 12.5m;
        }

        private static decimal? Bound(JsonObject schema, string keyword) =>
            schema[keyword] is JsonValue v ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;
    }
}
