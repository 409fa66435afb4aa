namespace V2gActors.Tools.OcppGen;

/// <summary>
/// Writes one check method per schema type. Each object check walks the properties in document order
/// (so the first violation reported is the first one a reader meets), then looks for missing required
/// properties. Paths are built only when a violation bubbles up, so valid payloads allocate nothing for them.
/// </summary>
internal sealed class ValidatorEmitter(EditionModel edition)
{
    private readonly ClrTypes _types = new(edition);

    public string ClassName => $"{edition.ClassPrefix}Validator";

    public string Emit()
    {
        var w = GeneratedFile.Start(edition, $"Validators for the OCPP {edition.Edition} schemas: the first violation as an OCPP-J error.",
            "System.Collections.Frozen", "System.Text.Json", "V2gActors.Ocpp.Messages.Validation");
        w.Open($"internal static class {ClassName}");
        Dispatch(w);
        foreach (var m in edition.Messages) ObjectCheck(w, m.Root);
        foreach (var o in edition.Objects) ObjectCheck(w, o);
        foreach (var e in edition.Enums) EnumCheck(w, e);
        w.Close();
        return w.ToString();
    }

    private void Dispatch(CodeWriter w)
    {
        w.Line("/// <summary>The check for a message, or null when the edition has no such message.</summary>")
         .Open("internal static Func<JsonElement, SchemaViolation?>? For(string action, OcppPayloadKind kind) => kind switch")
         .Line("OcppPayloadKind.Request => action switch")
         .Line("{");
        foreach (var m in edition.Messages.Where(m => m.Role != MessageRole.Response))
            w.Line($"    {CSharpNames.Literal(m.Action)} => Check{m.Root.Name},");
        w.Line("    _ => null,")
         .Line("},")
         .Line("OcppPayloadKind.Response => action switch")
         .Line("{");
        foreach (var m in edition.Messages.Where(m => m.Role == MessageRole.Response))
            w.Line($"    {CSharpNames.Literal(m.Action)} => Check{m.Root.Name},");
        w.Line("    _ => null,")
         .Line("},")
         .Line("_ => null,")
         .Close(";")
         .Line();
    }

    private void ObjectCheck(CodeWriter w, ObjectModel o)
    {
        w.Open($"internal static SchemaViolation? Check{o.Name}(JsonElement e)")
         .Line("if (e.ValueKind != JsonValueKind.Object) return SchemaViolation.WrongType(e, \"object\");");
        if (o.Properties.Count > 0 || !o.AllowsAdditionalProperties)
        {
            w.Open("foreach (var p in e.EnumerateObject())")
             .Line("var v = p.Value;")
             .Line("var violation = p.Name switch")
             .Line("{");
            foreach (var p in o.Properties)
                w.Line($"    {CSharpNames.Literal(p.JsonName)} => {Rule(p.Shape, "v", 0)},");
            w.Line(o.AllowsAdditionalProperties ? "    _ => null," : "    _ => SchemaViolation.NotAllowed(),")
             .Line("};")
             .Line("if (violation is not null) return violation.Under(p.Name);")
             .Close();
        }
        var required = o.Properties.Where(p => p.IsRequired).Select(p => CSharpNames.Literal(p.JsonName)).ToList();
        w.Line(required.Count == 0 ? "return null;" : $"return SchemaRules.Required(e, {string.Join(", ", required)});")
         .Close()
         .Line();
    }

    private string Rule(ValueShape shape, string v, int depth) => shape switch
    {
        RefShape r => $"Check{r.TypeName}({v})",
        StringShape { IsDateTime: true } => $"SchemaRules.DateTime({v})",
        StringShape s => s.MaxLength is { } max ? $"SchemaRules.String({v}, maxLength: {max})" : $"SchemaRules.String({v})",
        IntegerShape i => $"SchemaRules.{(ClrTypes.NeedsLong(i) ? "Int64" : "Int32")}({v}{Bounds(Whole(i.Minimum), Whole(i.Maximum), "")})",
        NumberShape n => $"SchemaRules.Number({v}{Bounds(n.Minimum, n.Maximum, "m")})",
        BooleanShape => $"SchemaRules.Boolean({v})",
        AnyShape => "null",
        ArrayShape a => $"SchemaRules.Array({v}, {ItemRule(a.Items, depth + 1)}{ItemBounds(a)})",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private string ItemRule(ValueShape items, int depth)
    {
        if (items is RefShape r) return $"Check{r.TypeName}";
        var x = "x" + depth;
        return $"static {x} => {Rule(items, x, depth)}";
    }

    private static string ItemBounds(ArrayShape a) =>
        (a.MinItems is { } min ? $", minItems: {min}" : "") + (a.MaxItems is { } max ? $", maxItems: {max}" : "");

    // The schemas write integer bounds as "0.0"; the integer rules take whole numbers.
    private static decimal? Whole(decimal? d) => d is { } x ? decimal.Truncate(x) : null;

    private static string Bounds(decimal? min, decimal? max, string suffix) =>
        (min is { } lo ? $", minimum: {CSharpNames.Decimal(lo)}{suffix}" : "") +
        (max is { } hi ? $", maximum: {CSharpNames.Decimal(hi)}{suffix}" : "");

    private static void EnumCheck(CodeWriter w, EnumModel e)
    {
        w.Line($"private static readonly FrozenSet<string> {e.Name}Values = FrozenSet.Create(StringComparer.Ordinal,")
         .Line("    " + string.Join(", ", e.Values.Select(CSharpNames.Literal)) + ");")
         .Line()
         .Line($"internal static SchemaViolation? Check{e.Name}(JsonElement e) => SchemaRules.OneOf(e, {e.Name}Values, {CSharpNames.Literal(e.Name)});")
         .Line();
    }
}
