namespace V2gActors.Tools.OcppGen;

/// <summary>
/// Maps schema shapes to CLR types. JSON "number" becomes <c>decimal</c>: OCPP numbers are meter readings,
/// limits and prices written in decimal notation (part 2 asks for up to six decimals), and decimal round-trips
/// them digit for digit where double would turn 0.1 into 0.1000000000000000055.
/// "integer" becomes <c>int</c> unless a bound in the schema needs more.
/// </summary>
internal sealed class ClrTypes(EditionModel edition)
{
    private readonly HashSet<string> _enums = edition.Enums.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

    public bool IsEnum(string typeName) => _enums.Contains(typeName);

    public string Of(ValueShape shape) => shape switch
    {
        RefShape r => r.TypeName,
        StringShape { IsDateTime: true } => "DateTimeOffset",
        StringShape => "string",
        IntegerShape i => NeedsLong(i) ? "long" : "int",
        NumberShape => "decimal",
        BooleanShape => "bool",
        AnyShape => "JsonElement",
        ArrayShape a => $"IReadOnlyList<{Of(a.Items)}>",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    public bool IsValueType(ValueShape shape) => shape switch
    {
        RefShape r => IsEnum(r.TypeName),
        StringShape s => s.IsDateTime,
        IntegerShape or NumberShape or BooleanShape or AnyShape => true,
        _ => false,
    };

    public static bool NeedsLong(IntegerShape i) =>
        i.Minimum is { } min && min < int.MinValue || i.Maximum is { } max && max > int.MaxValue;
}
