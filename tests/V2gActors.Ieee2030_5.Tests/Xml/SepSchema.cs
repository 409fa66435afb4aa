using System.Xml;
using System.Xml.Schema;
using V2gActors.TestSupport;

namespace V2gActors.Ieee2030_5.Tests.Xml;

/// <summary>sep.xsd loaded once from the shared specs; validates a document and returns every problem found.</summary>
public static class SepSchema
{
    private static readonly Lazy<XmlSchemaSet> Set = new(Load);

    public static IReadOnlyList<string> Validate(byte[] document)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Set.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber}, col {e.Exception?.LinePosition})");
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read()) { }
        return problems;
    }

    private static XmlSchemaSet Load()
    {
        var path = Specs.PathOf("ieee2030.5", "sep.xsd");
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add(XmlSchema.Read(reader, null)!);
        set.Compile();
        return set;
    }
}
