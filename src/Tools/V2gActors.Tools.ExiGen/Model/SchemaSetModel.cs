using System.Xml;

namespace V2gActors.Tools.ExiGen.Model;

public sealed record GlobalElementModel(XmlQualifiedName Name, bool IsAbstract, SimpleTypeModel? Simple, ComplexTypeModel? Complex);

/// <summary>Everything generated for one schema set (one V2G message namespace with its imports).</summary>
public sealed record SchemaSetModel(
    string Name,
    string TargetNamespace,
    IReadOnlyList<GlobalElementModel> GlobalElements,
    IReadOnlyList<ComplexTypeModel> ComplexTypes,
    IReadOnlyList<SimpleTypeModel> Enumerations);
