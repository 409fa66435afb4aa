using System.Globalization;
using System.Text;

namespace V2gActors.Tools.OcppGen;

/// <summary>Turns schema spellings (camelCase, "ISO15118-2", "Energy.Active.Import.Register") into C# identifiers.</summary>
internal static class CSharpNames
{
    /// <summary>
    /// Splits on separators and capitalises each part. A separator survives as '_' only where dropping it would
    /// glue two digits or two capitals together ("ISO15118-2" -> ISO15118_2, "DC_BPT" -> DC_BPT), so the name stays readable.
    /// </summary>
    public static string Identifier(string raw)
    {
        var parts = raw.Split(['-', '.', '_', ' ', '/', ':'], StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (sb.Length > 0 && IsUpperOrDigit(sb[^1]) && IsUpperOrDigit(part[0])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        foreach (var c in sb.ToString())
            if (!char.IsLetterOrDigit(c) && c != '_') throw new InvalidOperationException($"Cannot make an identifier of '{raw}'");
        return sb.ToString();
    }

    public static string Property(string jsonName, string ownerType)
    {
        var name = Identifier(jsonName);
        // A member may not share its enclosing type's name.
        return name == ownerType ? name + "Value" : name;
    }

    public static string XmlEscape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string Literal(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string Decimal(decimal d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static bool IsUpperOrDigit(char c) => char.IsUpper(c) || char.IsDigit(c);
}
