using System.Text;
using System.Xml.Schema;

namespace V2gActors.Tools.ExiGen.Model;

/// <summary>
/// C# names for schema components. Names are PascalCased XSD names; a clash between two different schema
/// components (possible across namespaces) is resolved with a numeric suffix in first-come order, which is
/// deterministic because types are visited in sorted order.
/// </summary>
public sealed class Naming
{
    private readonly Dictionary<XmlSchemaType, string> _byType = new();
    private readonly HashSet<string> _taken = [];

    public string TypeName(string xsdName, XmlSchemaType type)
    {
        if (_byType.TryGetValue(type, out var existing)) return existing;
        var name = Identifier(xsdName);
        var candidate = name;
        for (var i = 2; !_taken.Add(candidate); i++) candidate = name + i;
        _byType[type] = candidate;
        return candidate;
    }

    public static string Identifier(string xsdName)
    {
        var sb = new StringBuilder();
        foreach (var c in xsdName) sb.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }
}
