using System.Xml.Schema;

namespace V2gActors.Tools.ExiGen.Model;

/// <summary>
/// Builds the model of a compiled schema set. The global element table is sorted by local name, then
/// namespace URI (EXI 1.0 §8.5.1): its position is the document-level event code.
/// </summary>
public static class SchemaSetModelBuilder
{
    public static SchemaSetModel Build(string name, XmlSchemaSet set, string targetNamespace)
    {
        var naming = new Naming();
        var simpleTypes = new SimpleTypeMapper(naming);
        var complexTypes = new ComplexTypeModelBuilder(set, naming, simpleTypes);

        var globals = set.GlobalElements.Values.Cast<XmlSchemaElement>()
            .OrderBy(e => e.QualifiedName.Name, StringComparer.Ordinal)
            .ThenBy(e => e.QualifiedName.Namespace, StringComparer.Ordinal)
            .ToList();
        var elements = new List<GlobalElementModel>();
        foreach (var element in globals)
        {
            var (simple, complex) = complexTypes.Resolve(element.ElementSchemaType!, element.QualifiedName.Name);
            elements.Add(new GlobalElementModel(element.QualifiedName, element.IsAbstract, simple, complex));
            complexTypes.BuildPending();
        }
        var enums = new Dictionary<string, SimpleTypeModel>();
        foreach (var simple in elements.Select(e => e.Simple)
                     .Concat(complexTypes.Models.SelectMany(m => m.Children).Select(c => c.Simple)))
            if (simple?.EnumName is { } enumName) enums.TryAdd(enumName, simple);

        return new SchemaSetModel(name, targetNamespace, elements,
            complexTypes.Models.OrderBy(m => m.CSharpName, StringComparer.Ordinal).ToList(),
            enums.Values.OrderBy(e => e.EnumName, StringComparer.Ordinal).ToList());
    }
}
