using System.Xml;
using System.Xml.Schema;

namespace V2gActors.Tools.ExiGen.Schema;

/// <summary>
/// Compiles one XSD together with its imports. xmldsig-core-schema.xsd carries a DOCTYPE, so DTDs must be
/// parsed, but nothing may be fetched from the network: the resolver only opens local files.
/// </summary>
public static class SchemaSetLoader
{
    public static XmlSchemaSet Load(string xsdPath)
    {
        var resolver = new LocalOnlyResolver();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = resolver };
        var set = new XmlSchemaSet { XmlResolver = resolver };
        var errors = new List<string>();
        set.ValidationEventHandler += (_, e) => { if (e.Severity == XmlSeverityType.Error) errors.Add(e.Message); };
        using (var reader = XmlReader.Create(xsdPath, settings))
            set.Add(null, reader);
        set.Compile();
        if (errors.Count > 0) throw new InvalidOperationException($"{xsdPath}: {string.Join("; ", errors)}");
        return set;
    }

    private sealed class LocalOnlyResolver : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.IsFile)
            {
                // The xmldsig DOCTYPE names W3C's XMLSchema.dtd; its entities are not needed to compile the
                // schema, so an empty stream stands in for it rather than a network request.
                if (absoluteUri.AbsolutePath.EndsWith(".dtd", StringComparison.OrdinalIgnoreCase))
                    return new MemoryStream();
                throw new XmlException($"refusing to fetch {absoluteUri}: schemas must be local");
            }
            return base.GetEntity(absoluteUri, role, ofObjectToReturn);
        }
    }
}
