using System.Xml;
using V2gActors.Tools.ExiGen.Grammar;

namespace V2gActors.Tools.ExiGen.Model;

public enum ChildKind { Attribute, Element, Wildcard, Value, MixedText }

/// <summary>
/// One slot of a generated class. Its index is the child number used in grammar productions; indices follow
/// event-code priority (attributes sorted by name, then elements in schema order), which is also the order
/// the encoder writes them in.
/// </summary>
public sealed class ChildModel
{
    public required int Index { get; init; }
    public required ChildKind Kind { get; init; }
    public required XmlQualifiedName Name { get; init; }
    public required string PropertyName { get; set; }
    public SimpleTypeModel? Simple { get; init; }
    public ComplexTypeModel? Complex { get; init; }
    /// <summary>The element's declared type is abstract: an instance would need xsi:type, which this codec does not carry.</summary>
    public bool NeedsXsiType { get; init; }
    public int MinOccurs { get; set; }
    public int MaxOccurs { get; set; }

    public bool IsList => MaxOccurs > 1;
    public bool IsOptional => MinOccurs == 0 && !IsList;
    public bool HasProperty => Kind is ChildKind.Attribute or ChildKind.Element or ChildKind.Value;
}

/// <summary>A complex type (named or anonymous) with its slots and its normalised EXI grammar.</summary>
public sealed class ComplexTypeModel
{
    public required string CSharpName { get; init; }
    public required XmlQualifiedName SchemaName { get; init; }
    public List<ChildModel> Children { get; } = [];
    public GrammarModel Grammar { get; set; } = null!;
}
