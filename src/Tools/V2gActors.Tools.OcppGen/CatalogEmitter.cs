namespace V2gActors.Tools.OcppGen;

/// <summary>Writes the action catalog (action name to CLR types) and the source-generated JSON context.</summary>
internal sealed class CatalogEmitter(EditionModel edition)
{
    public string Catalog()
    {
        var w = GeneratedFile.Start(edition, $"Every OCPP {edition.Edition} action with its payload CLR types.", "V2gActors.Ocpp.Messages");
        var actions = edition.Actions.ToList();
        w.Line($"/// <summary>The OCPP {edition.Edition} actions ({actions.Count}) and the CLR types of their payloads.</summary>")
         .Open($"public static class {edition.ClassPrefix}Catalog")
         .Line("/// <summary>Every action, ordered by name.</summary>")
         .Line("public static IReadOnlyList<OcppActionInfo> All { get; } =")
         .Line("[");
        foreach (var a in actions)
        {
            var request = edition.Messages.Single(m => m.Action == a && m.Role != MessageRole.Response);
            var response = edition.Messages.SingleOrDefault(m => m.Action == a && m.Role == MessageRole.Response);
            w.Line($"    new({CSharpNames.Literal(a)}, typeof({request.Root.Name}), {(response is null ? "null" : $"typeof({response.Root.Name})")}),");
        }
        w.Line("];")
         .Line()
         .Line("/// <summary>True when the action exists in this edition.</summary>")
         .Line("public static bool IsKnown(string action) => Find(action) is not null;")
         .Line()
         .Line("/// <summary>The action's entry, or null when this edition does not define it.</summary>")
         .Open("public static OcppActionInfo? Find(string action) => action switch");
        for (var i = 0; i < actions.Count; i++) w.Line($"{CSharpNames.Literal(actions[i])} => All[{i}],");
        w.Line("_ => null,")
         .Close(";")
         .Close();
        return w.ToString();
    }

    public string JsonContext()
    {
        var w = GeneratedFile.Start(edition, $"System.Text.Json source-generated metadata for every OCPP {edition.Edition} type.",
            "System.Text.Json.Serialization", "V2gActors.Ocpp.Messages.Serialization");
        w.Line("/// <summary>")
         .Line("/// Serialisation metadata generated at compile time: no reflection at runtime. Nulls are omitted because")
         .Line("/// OCPP marks an absent optional property by leaving it out, and an explicit null would violate the schema.")
         .Line("/// </summary>")
         .Line("[JsonSourceGenerationOptions(")
         .Line("    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,")
         .Line("    RespectNullableAnnotations = true,")
         .Line("    Converters = [typeof(OcppDateTimeOffsetConverter), typeof(OcppInt32Converter), typeof(OcppInt64Converter)])]");
        foreach (var name in edition.Messages.Select(m => m.Root.Name).Concat(edition.Objects.Select(o => o.Name)).Concat(edition.Enums.Select(e => e.Name)))
            w.Line($"[JsonSerializable(typeof({name}))]");
        w.Line($"public sealed partial class {edition.ClassPrefix}JsonContext : JsonSerializerContext;");
        return w.ToString();
    }
}
