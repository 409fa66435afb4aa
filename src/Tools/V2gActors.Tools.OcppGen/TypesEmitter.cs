namespace V2gActors.Tools.OcppGen;

/// <summary>Writes the enums, the definition records and the message records of one edition.</summary>
internal sealed class TypesEmitter(EditionModel edition, CompatibilityPolicy compatibility, List<string> report)
{
    private readonly ClrTypes _types = new(edition);

    public string Enums()
    {
        var w = GeneratedFile.Start(edition, $"OCPP {edition.Edition} enumerations.", "System.Text.Json.Serialization", "V2gActors.Ocpp.Messages.Serialization");
        foreach (var e in edition.Enums)
        {
            w.Summary(e.Description)
             .Line($"[JsonConverter(typeof(OcppEnumConverter<{e.Name}>))]")
             .Open($"public enum {e.Name}");
            var extra = compatibility.ExtraValues(e);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in e.Values.Concat(extra))
            {
                var name = CSharpNames.Identifier(value);
                for (var n = 2; !used.Add(name); n++) name = CSharpNames.Identifier(value) + n;
                if (extra.Contains(value))
                {
                    w.Line("/// <summary>Not in this edition's schema; accepted so payloads of the older edition decode.</summary>");
                    report.Add($"{edition.Edition}: {e.Name} widened with older-edition value '{value}'");
                }
                w.Line($"[JsonStringEnumMemberName({CSharpNames.Literal(value)})]").Line($"{name},");
            }
            w.Close().Line();
        }
        return w.ToString();
    }

    public string Definitions() => Records($"OCPP {edition.Edition} data types (schema definitions).", edition.Objects);

    public string Messages() => Records($"OCPP {edition.Edition} message payloads, one per schema file.", edition.Messages.Select(m => m.Root));

    private string Records(string what, IEnumerable<ObjectModel> models)
    {
        var w = GeneratedFile.Start(edition, what, "System.Text.Json", "System.Text.Json.Serialization");
        foreach (var model in models) Record(w, model);
        return w.ToString();
    }

    private void Record(CodeWriter w, ObjectModel model)
    {
        w.Summary(model.Description).Open($"public sealed record {model.Name}");
        var first = true;
        foreach (var p in model.Properties)
        {
            if (!first) w.Line();
            first = false;
            var why = compatibility.WhyOptional(model, p);
            if (why is not null)
            {
                report.Add($"{edition.Edition}: {model.Name}.{p.JsonName} {why}; optional on the CLR type, still enforced by the validator");
                w.Line($"// Not a C# 'required' member: {why}, and the {edition.Edition} model must decode those payloads too.");
                w.Line("// The validator still requires it for this edition.");
            }
            var required = p.IsRequired && why is null;
            var type = _types.Of(p.Shape);
            w.Summary(p.Description)
             .Line($"[JsonPropertyName({CSharpNames.Literal(p.JsonName)})]")
             .Line(required
                 ? $"public required {type} {CSharpNames.Property(p.JsonName, model.Name)} {{ get; init; }}"
                 : $"public {type}? {CSharpNames.Property(p.JsonName, model.Name)} {{ get; init; }}");
        }
        if (model.AllowsAdditionalProperties)
        {
            if (!first) w.Line();
            w.Line("/// <summary>Vendor properties beyond the schema (the schema leaves this object open).</summary>")
             .Line("// A setter, not init: System.Text.Json cannot fill extension data through an object initializer.")
             .Line("[JsonExtensionData]")
             .Line("public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }");
        }
        w.Close().Line();
    }
}
