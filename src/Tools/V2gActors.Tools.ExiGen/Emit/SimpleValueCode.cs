using System.Globalization;
using V2gActors.Tools.ExiGen.Model;

namespace V2gActors.Tools.ExiGen.Emit;

/// <summary>C# expressions that read or write one simple value with the reader/writer of V2gActors.Iso15118.</summary>
public static class SimpleValueCode
{
    /// <param name="partition">String-table local partition (the element or attribute name's id), -1 if untracked.</param>
    public static string Read(SimpleTypeModel t, int partition) => t.Representation switch
    {
        ExiRepresentation.Boolean => "r.ReadBoolean()",
        ExiRepresentation.Enumeration => $"({t.CSharpType})r.ReadEnumeration({t.Bits}, {t.EnumerationValues.Count})",
        ExiRepresentation.BoundedInteger => $"({t.CSharpType})r.ReadBoundedInteger({Signed(t.Min)}, {Signed(t.Max)}, {t.Bits})",
        ExiRepresentation.UnsignedInteger => $"({t.CSharpType})r.ReadUnsignedInteger({Unsigned(t.Min)}, {Unsigned(t.Max)})",
        ExiRepresentation.SignedInteger => $"({t.CSharpType})r.ReadSignedInteger({Signed(t.Min)}, {Signed(t.Max)})",
        ExiRepresentation.String => $"r.ReadString({t.MaxLength}, {partition})",
        ExiRepresentation.Binary => $"r.ReadBinary({t.MaxLength})",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static string Write(SimpleTypeModel t, string value) => t.Representation switch
    {
        ExiRepresentation.Boolean => $"w.WriteBoolean({value})",
        ExiRepresentation.Enumeration => $"w.WriteEnumeration((int){value}, {t.Bits}, {t.EnumerationValues.Count})",
        ExiRepresentation.BoundedInteger => $"w.WriteBoundedInteger((long){value}, {Signed(t.Min)}, {Signed(t.Max)}, {t.Bits})",
        ExiRepresentation.UnsignedInteger => $"w.WriteUnsignedInteger((ulong){value}, {Unsigned(t.Min)}, {Unsigned(t.Max)})",
        ExiRepresentation.SignedInteger => $"w.WriteSignedInteger((long){value}, {Signed(t.Min)}, {Signed(t.Max)})",
        ExiRepresentation.String => $"w.WriteString({value}, {t.MaxLength})",
        ExiRepresentation.Binary => $"w.WriteBinary({value}, {t.MaxLength})",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    private static string Signed(decimal v) => v == long.MinValue ? "long.MinValue" : v.ToString(CultureInfo.InvariantCulture) + "L";

    private static string Unsigned(decimal v) => v.ToString(CultureInfo.InvariantCulture) + "UL";
}
