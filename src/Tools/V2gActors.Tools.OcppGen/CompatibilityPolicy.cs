namespace V2gActors.Tools.OcppGen;

/// <summary>
/// Handlers use the 2.1 model for both editions, so the 2.1 CLR types must accept every valid 2.0.1 payload.
/// Where 2.1 is stricter than 2.0.1 in a way the CLR type would enforce (a property newly required, an enum value
/// dropped), the 2.1 CLR type is widened; the 2.1 validator still applies the 2.1 schema unchanged.
/// </summary>
internal sealed class CompatibilityPolicy
{
    private readonly Dictionary<string, ObjectModel> _older;
    private readonly Dictionary<string, EnumModel> _olderEnums;

    private CompatibilityPolicy(EditionModel? older)
    {
        _older = older is null ? [] : older.Objects.Concat(older.Messages.Select(m => m.Root)).ToDictionary(o => o.Name, StringComparer.Ordinal);
        _olderEnums = older is null ? [] : older.Enums.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>No widening: the CLR types mirror their own schema exactly.</summary>
    public static CompatibilityPolicy Exact { get; } = new(null);

    public static CompatibilityPolicy AcceptingPayloadsOf(EditionModel older) => new(older);

    /// <summary>Why a schema-required property is optional on the CLR type, or null when it stays required.</summary>
    public string? WhyOptional(ObjectModel owner, PropertyModel property)
    {
        if (!property.IsRequired || !_older.TryGetValue(owner.Name, out var old)) return null;
        var oldProperty = old.Properties.FirstOrDefault(p => p.JsonName == property.JsonName);
        if (oldProperty is { IsRequired: true }) return null;
        return oldProperty is null
            ? $"required in this edition but absent from the older edition's {owner.Name}"
            : $"required in this edition but optional in the older edition's {owner.Name}";
    }

    /// <summary>Values the older edition allows that this edition's enum lacks.</summary>
    public IReadOnlyList<string> ExtraValues(EnumModel model) =>
        _olderEnums.TryGetValue(model.Name, out var old) ? old.Values.Except(model.Values, StringComparer.Ordinal).ToList() : [];
}
