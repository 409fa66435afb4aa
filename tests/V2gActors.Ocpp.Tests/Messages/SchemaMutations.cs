using System.Globalization;
using System.Text.Json.Nodes;
using V2gActors.Ocpp;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Ocpp.Tests.Messages;

/// <summary>One deliberate break of a valid sample, with the OCPP-J error it must produce (null: still valid).</summary>
public sealed record Mutation(string Description, Lazy<string> Document, OcppErrorCode? Expected, string Path)
{
    /// <summary>The broken payload, built on first use: the walk proposes thousands, the tests take a sample.</summary>
    public string Json => Document.Value;

    /// <summary>
    /// Why NJsonSchema's verdict is known to differ from the JSON Schema specification for this case, or null.
    /// Two such cases exist: it counts maxLength in UTF-16 units where the specification (and our validator)
    /// counts code points, and it accepts a date-time without an offset, which RFC 3339 forbids.
    /// </summary>
    public string? NJsonSchemaDivergence { get; init; }
}

/// <summary>
/// Walks the official schema beside a maximal sample and breaks one rule at a time: drop a required property,
/// add an unknown one, the wrong JSON type, a string one past maxLength, a value outside the enum or the
/// numeric bounds, a bad date-time, an array one outside minItems/maxItems. Also a few changes that must stay
/// valid (vendor extras inside customData), so agreement is tested in both directions.
/// </summary>
public static class SchemaMutations
{
    /// <summary>
    /// At most <paramref name="perKind"/> mutations of each kind per message (the first ones met, in schema order),
    /// which keeps the largest messages (thousands of candidate breaks) quick while every kind of break stays covered.
    /// </summary>
    public static IReadOnlyList<Mutation> For(OcppVersion version, string action, OcppPayloadKind kind, int perKind) =>
        For(version, action, kind)
            .GroupBy(m => m.Description[(m.Description.LastIndexOf(": ", StringComparison.Ordinal) + 2)..])
            .SelectMany(g => g.Take(perKind))
            .ToList();

    public static IReadOnlyList<Mutation> For(OcppVersion version, string action, OcppPayloadKind kind)
    {
        var schema = JsonNode.Parse(File.ReadAllText(OcppSchemaFiles.PathOf(version, action, kind)))!.AsObject();
        var sample = OcppSampleBuilder.Build(version, action, kind, OcppSampleSize.Maximal);
        var result = new List<Mutation>();
        new Walker(schema["definitions"]?.AsObject() ?? [], sample, result).Node(schema, sample, []);
        return result;
    }

    private sealed class Walker(JsonObject definitions, JsonObject root, List<Mutation> output)
    {
        public void Node(JsonObject schemaNode, JsonNode instance, List<object> path)
        {
            var schema = Resolve(schemaNode);
            if (schema["enum"] is JsonArray)
            {
                Add(path, "value outside the enum", OcppErrorCode.PropertyConstraintViolation, JsonValue.Create("NotAnOcppValue"));
                Add(path, "number instead of enum string", OcppErrorCode.TypeConstraintViolation, JsonValue.Create(12));
                return;
            }
            switch (schema["type"]?.GetValue<string>())
            {
                case "object": Object(schema, (JsonObject)instance, path); break;
                case "array": Array(schema, (JsonArray)instance, path); break;
                case "string": String(schema, path); break;
                case "integer": Numeric(schema, path, integer: true); break;
                case "number": Numeric(schema, path, integer: false); break;
                case "boolean":
                    Add(path, "string instead of boolean", OcppErrorCode.TypeConstraintViolation, JsonValue.Create("true"));
                    break;
            }
        }

        private void Object(JsonObject schema, JsonObject instance, List<object> path)
        {
            if (path.Count > 0)
                Add(path, "string instead of object", OcppErrorCode.TypeConstraintViolation, JsonValue.Create("x"));
            var closed = schema["additionalProperties"] is JsonValue ap && ap.GetValue<bool>() == false;
            Replace(path, closed ? "unknown property" : "vendor extra in an open object",
                closed ? OcppErrorCode.ProtocolError : null, "unexpectedProperty",
                node => ((JsonObject)node).Add("unexpectedProperty", 1));
            foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                Replace(path, $"required '{required}' removed", OcppErrorCode.OccurrenceConstraintViolation, required,
                    node => ((JsonObject)node).Remove(required));
            if (schema["properties"] is not JsonObject properties) return;
            foreach (var (name, propertySchema) in properties)
                if (instance[name] is { } value && propertySchema!["type"] is not null || propertySchema!["$ref"] is not null && instance[name] is not null)
                    Node(propertySchema!.AsObject(), instance[name]!, [.. path, name]);
        }

        private void Array(JsonObject schema, JsonArray instance, List<object> path)
        {
            Add(path, "object instead of array", OcppErrorCode.TypeConstraintViolation, new JsonObject());
            var min = schema["minItems"]?.GetValue<int>() ?? 0;
            if (min > 0 && instance.Count >= min)
                Replace(path, "one item below minItems", OcppErrorCode.OccurrenceConstraintViolation, null,
                    node => { var a = (JsonArray)node; while (a.Count > min - 1) a.RemoveAt(a.Count - 1); });
            if (schema["maxItems"]?.GetValue<int>() is { } max && instance.Count > 0 && max < 50)
                Replace(path, "one item past maxItems", OcppErrorCode.OccurrenceConstraintViolation, null,
                    node => { var a = (JsonArray)node; while (a.Count < max + 1) a.Add(a[0]!.DeepClone()); });
            if (instance.Count > 0) Node(schema["items"]!.AsObject(), instance[0]!, [.. path, 0]);
        }

        private void String(JsonObject schema, List<object> path)
        {
            Add(path, "number instead of string", OcppErrorCode.TypeConstraintViolation, JsonValue.Create(12));
            if (schema["format"]?.GetValue<string>() == "date-time")
            {
                Add(path, "not a date-time", OcppErrorCode.PropertyConstraintViolation, JsonValue.Create("yesterday at noon"));
                Add(path, "date-time without offset", OcppErrorCode.PropertyConstraintViolation, JsonValue.Create("2025-03-04T05:06:07"),
                    divergence: "NJsonSchema accepts date-times without an offset");
            }
            if (schema["maxLength"]?.GetValue<int>() is { } maxLength)
            {
                Add(path, "one past maxLength", OcppErrorCode.PropertyConstraintViolation, JsonValue.Create(new string('y', maxLength + 1)));
                Add(path, "exactly maxLength in astral characters", null, JsonValue.Create(string.Concat(Enumerable.Repeat("\U0001F50C", maxLength))), divergence: "NJsonSchema counts UTF-16 units");
            }
        }

        private void Numeric(JsonObject schema, List<object> path, bool integer)
        {
            Add(path, "string instead of number", OcppErrorCode.TypeConstraintViolation, JsonValue.Create("12"));
            if (integer) Add(path, "fraction in an integer", OcppErrorCode.TypeConstraintViolation, JsonValue.Create(1.5m));
            if (Bound(schema, "minimum") is { } min)
                Add(path, "below minimum", OcppErrorCode.PropertyConstraintViolation, JsonValue.Create(min - 1));
            if (Bound(schema, "maximum") is { } max)
                Add(path, "above maximum", OcppErrorCode.PropertyConstraintViolation, JsonValue.Create(max + 1));
        }

        private void Add(List<object> path, string what, OcppErrorCode? expected, JsonNode replacement, string? divergence = null)
        {
            if (path.Count == 0) return;
            var steps = path.ToArray();
            output.Add(new Mutation($"{Dotted(path)}: {what}", new Lazy<string>(() =>
            {
                var copy = root.DeepClone().AsObject();
                var parent = Navigate(copy, steps[..^1]);
                switch (steps[^1])
                {
                    case string name: ((JsonObject)parent)[name] = replacement; break;
                    case int index: ((JsonArray)parent)[index] = replacement; break;
                }
                return copy.ToJsonString();
            }), expected, Dotted(path)) { NJsonSchemaDivergence = divergence });
        }

        private void Replace(List<object> path, string what, OcppErrorCode? expected, string? child, Action<JsonNode> change)
        {
            var steps = path.ToArray();
            var where = child is null ? Dotted(path) : Join(Dotted(path), child);
            output.Add(new Mutation($"{where}: {what}", new Lazy<string>(() =>
            {
                var copy = root.DeepClone().AsObject();
                change(Navigate(copy, steps));
                return copy.ToJsonString();
            }), expected, where));
        }

        private static JsonNode Navigate(JsonNode node, IEnumerable<object> path)
        {
            foreach (var step in path)
                node = step is string name ? node[name]! : node[(int)step]!;
            return node;
        }

        private JsonObject Resolve(JsonObject schema) =>
            schema["$ref"]?.GetValue<string>() is { } r ? definitions[r["#/definitions/".Length..]]!.AsObject() : schema;

        private static decimal? Bound(JsonObject schema, string keyword) =>
            schema[keyword] is JsonValue v ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

        private static string Dotted(List<object> path)
        {
            var text = "";
            foreach (var step in path)
                text = step is int i ? $"{text}[{i}]" : Join(text, (string)step);
            return text;
        }

        private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
    }
}
