namespace V2gActors.Tools.ExiGen.Model;

/// <summary>How EXI represents a simple value (EXI 1.0 §7.1 and the built-in type mapping of §7.1 table 7-1).</summary>
public enum ExiRepresentation
{
    Boolean,
    Enumeration,
    /// <summary>Integer with a value range of at most 4096: n-bit offset from the minimum.</summary>
    BoundedInteger,
    UnsignedInteger,
    SignedInteger,
    String,
    Binary,
}

/// <summary>A simple type as the emitter needs it: wire representation, C# type and facets.</summary>
public sealed record SimpleTypeModel(
    ExiRepresentation Representation,
    string CSharpType,
    decimal Min,
    decimal Max,
    int MaxLength,
    IReadOnlyList<string> EnumerationValues,
    string? EnumName)
{
    public int Bits => Representation switch
    {
        ExiRepresentation.BoundedInteger => BitsFor((long)(Max - Min + 1)),
        ExiRepresentation.Enumeration => BitsFor(EnumerationValues.Count),
        _ => 0,
    };

    public bool IsValueType => CSharpType is not ("string" or "byte[]");

    private static int BitsFor(long count)
    {
        var bits = 0;
        while ((1L << bits) < count) bits++;
        return bits;
    }
}
