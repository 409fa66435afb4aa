using System.Text;
using System.Text.Json;

namespace V2gActors.Tools.OcppGen;

/// <summary>
/// Reads one edition's folder of OCA schemas. Every file repeats the definitions it uses, so a definition is
/// kept once per edition; copies must be structurally identical (descriptions may differ) or the load fails
/// loudly, because silently picking one would generate a type that rejects valid payloads of another action.
/// </summary>
internal static class SchemaLoader
{
    public static EditionModel Load(string edition, string ns, string classPrefix, string folder, List<string> report)
    {
        var objects = new SortedDictionary<string, ObjectModel>(StringComparer.Ordinal);
        var enums = new SortedDictionary<string, EnumModel>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<string, (string Fingerprint, string File)>(StringComparer.Ordinal);
        var messages = new List<MessageModel>();

        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"No schemas in {folder}");

        foreach (var file in files)
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { AllowTrailingCommas = false });
            var root = doc.RootElement;
            if (root.TryGetProperty("definitions", out var definitions))
            {
                foreach (var def in definitions.EnumerateObject())
                {
                    var fingerprint = Fingerprint(def.Value);
                    if (fingerprints.TryGetValue(def.Name, out var seen))
                    {
                        if (seen.Fingerprint != fingerprint)
                            throw new InvalidOperationException(
                                $"{edition}: definition {def.Name} differs between {seen.File} and {Path.GetFileName(file)}; " +
                                "disambiguation is needed before generating.");
                        continue;
                    }
                    fingerprints[def.Name] = (fingerprint, Path.GetFileName(file));
                    TypeModel model = ReadDefinition(def.Name, def.Value);
                    if (model is EnumModel e) enums[e.Name] = e; else objects[model.Name] = (ObjectModel)model;
                }
            }

            var (action, role) = stem switch
            {
                _ when stem.EndsWith("Request", StringComparison.Ordinal) => (stem[..^"Request".Length], MessageRole.Request),
                _ when stem.EndsWith("Response", StringComparison.Ordinal) => (stem[..^"Response".Length], MessageRole.Response),
                _ => (stem, MessageRole.Send),
            };
            var rootModel = ReadObject(stem, root);
            if (objects.ContainsKey(stem) || enums.ContainsKey(stem))
                throw new InvalidOperationException($"{edition}: message {stem} collides with a definition name.");
            messages.Add(new MessageModel(action, role, rootModel));
        }

        foreach (var o in messages.Select(m => m.Root).Concat(objects.Values))
            foreach (var name in o.Properties.SelectMany(p => Refs(p.Shape)))
                if (!objects.ContainsKey(name) && !enums.ContainsKey(name))
                    throw new InvalidOperationException($"{edition}: {o.Name} references unknown {name}");

        report.Add($"{edition}: {files.Count} files, {messages.Count} messages, {objects.Count} object definitions, {enums.Count} enums; " +
                   "all repeated definitions are structurally identical (only descriptions vary).");
        return new EditionModel(edition, ns, classPrefix, folder, messages, objects.Values.ToList(), enums.Values.ToList());
    }

    private static IEnumerable<string> Refs(ValueShape shape) => shape switch
    {
        RefShape r => [r.TypeName],
        ArrayShape a => Refs(a.Items),
        _ => [],
    };

    private static TypeModel ReadDefinition(string name, JsonElement schema) =>
        schema.TryGetProperty("enum", out var values)
            ? new EnumModel(name, Description(schema), values.EnumerateArray().Select(v => v.GetString()!).ToList())
            : ReadObject(name, schema);

    private static ObjectModel ReadObject(string name, JsonElement schema)
    {
        if (schema.GetProperty("type").GetString() != "object")
            throw new InvalidOperationException($"{name}: expected an object schema");
        var required = schema.TryGetProperty("required", out var req)
            ? req.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
        var properties = new List<PropertyModel>();
        if (schema.TryGetProperty("properties", out var props))
            foreach (var p in props.EnumerateObject())
                properties.Add(new PropertyModel(p.Name, ReadShape($"{name}.{p.Name}", p.Value), required.Contains(p.Name), Description(p.Value)));
        foreach (var r in required)
            if (properties.All(p => p.JsonName != r))
                throw new InvalidOperationException($"{name}: required {r} is not a declared property");
        var closed = schema.TryGetProperty("additionalProperties", out var ap) && ap.ValueKind == JsonValueKind.False;
        return new ObjectModel(name, Description(schema), properties, !closed);
    }

    private static ValueShape ReadShape(string where, JsonElement s)
    {
        if (s.TryGetProperty("$ref", out var r))
        {
            var target = r.GetString()!;
            const string prefix = "#/definitions/";
            if (!target.StartsWith(prefix, StringComparison.Ordinal)) throw new InvalidOperationException($"{where}: unsupported $ref {target}");
            return new RefShape(target[prefix.Length..]);
        }
        if (s.TryGetProperty("enum", out _)) throw new InvalidOperationException($"{where}: inline enums are not expected");
        if (!s.TryGetProperty("type", out var typeElement)) return new AnyShape();
        var type = typeElement.GetString();
        return type switch
        {
            "string" => new StringShape(Int(s, "maxLength"), s.TryGetProperty("format", out var f) && f.GetString() == "date-time"),
            "integer" => new IntegerShape(Dec(s, "minimum"), Dec(s, "maximum")),
            "number" => new NumberShape(Dec(s, "minimum"), Dec(s, "maximum")),
            "boolean" => new BooleanShape(),
            "array" => new ArrayShape(ReadShape(where + "[]", s.GetProperty("items")), Int(s, "minItems"), Int(s, "maxItems")),
            _ => throw new InvalidOperationException($"{where}: unsupported type {type}"),
        };
    }

    private static int? Int(JsonElement s, string name) => s.TryGetProperty(name, out var v) ? v.GetInt32() : null;

    private static decimal? Dec(JsonElement s, string name) => s.TryGetProperty(name, out var v) ? v.GetDecimal() : null;

    private static string? Description(JsonElement s) =>
        s.TryGetProperty("description", out var d) ? d.GetString()?.Trim() : null;

    /// <summary>Canonical text of a schema node without its descriptions, used to prove two copies are the same type.</summary>
    private static string Fingerprint(JsonElement e)
    {
        var sb = new StringBuilder();
        Write(e);
        return sb.ToString();

        void Write(JsonElement n)
        {
            switch (n.ValueKind)
            {
                case JsonValueKind.Object:
                    sb.Append('{');
                    foreach (var p in n.EnumerateObject().Where(p => p.Name != "description").OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        sb.Append(JsonSerializer.Serialize(p.Name)).Append(':');
                        Write(p.Value);
                        sb.Append(',');
                    }
                    sb.Append('}');
                    break;
                case JsonValueKind.Array:
                    sb.Append('[');
                    foreach (var i in n.EnumerateArray()) { Write(i); sb.Append(','); }
                    sb.Append(']');
                    break;
                default:
                    sb.Append(n.GetRawText());
                    break;
            }
        }
    }
}
