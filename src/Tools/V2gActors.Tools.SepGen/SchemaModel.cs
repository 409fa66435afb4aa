using System.Xml;
using System.Xml.Schema;

namespace V2gActors.Tools.SepGen;

/// <summary>One member of a generated class: an element of the type's own sequence or one of its attributes.</summary>
internal sealed record Member(string XmlName, bool IsAttribute, ValueKind Kind, string? ComplexType,
    bool Optional, bool Repeated, string? DefaultValue);

/// <summary>The C# shape of a simple value.</summary>
internal enum ValueKind
{
    Complex, Bool, Byte, SByte, UShort, Short, UInt, Int, ULong, Long, String, Uri, Hex,
}

/// <summary>A complex type of the schema reduced to what a class needs: its base and its own members in order.</summary>
internal sealed record TypeModel(string Name, string? BaseName, IReadOnlyList<Member> Members, bool IsGlobalElement);

/// <summary>Reads sep.xsd with the framework's schema compiler and exposes its complex types per derivation level.</summary>
internal sealed class SchemaModel
{
    private const string ExtensionTypeName = "Revision2_3Type";
    private readonly Dictionary<string, XmlSchemaComplexType> _complex = new(StringComparer.Ordinal);
    private readonly HashSet<string> _globalElements = new(StringComparer.Ordinal);

    private SchemaModel() { }

    public static SchemaModel Load(string path)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using (var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            set.Add(XmlSchema.Read(reader, (_, e) => throw e.Exception)!);
        }
        set.Compile();
        var model = new SchemaModel();
        foreach (XmlSchemaType type in set.GlobalTypes.Values)
        {
            if (type is XmlSchemaComplexType ct && ct.QualifiedName.Namespace == "urn:ieee:std:2030.5:ns" && !IsSimpleContent(ct))
                model._complex[ct.QualifiedName.Name] = ct;
        }
        foreach (XmlSchemaElement element in set.GlobalElements.Values) model._globalElements.Add(element.QualifiedName.Name);
        return model;
    }

    public bool IsComplex(string name) => _complex.ContainsKey(name);

    public IReadOnlyList<TypeModel> Closure(IEnumerable<string> roots)
    {
        var done = new Dictionary<string, TypeModel>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (done.ContainsKey(name)) continue;
            var model = Describe(name);
            done[name] = model;
            if (model.BaseName is not null) pending.Push(model.BaseName);
            foreach (var m in model.Members) if (m.ComplexType is not null) pending.Push(m.ComplexType);
        }
        return done.Values.ToList();
    }

    private TypeModel Describe(string name)
    {
        var ct = _complex.TryGetValue(name, out var found)
            ? found
            : throw new InvalidOperationException($"{name} is not a complex type with element content in the schema");
        XmlSchemaParticle? particle = ct.Particle;
        XmlSchemaObjectCollection attributes = ct.Attributes;
        string? baseName = null;
        if (ct.ContentModel?.Content is XmlSchemaComplexContentExtension ext)
        {
            baseName = ext.BaseTypeName.Name;
            particle = ext.Particle;
            attributes = ext.Attributes;
        }
        var members = new List<Member>();
        if (particle is XmlSchemaSequence sequence)
        {
            foreach (var item in sequence.Items)
            {
                switch (item)
                {
                    case XmlSchemaElement e when e.ElementSchemaType?.Name == ExtensionTypeName:
                        break; // the 2023 *_r2_3 extension points carry nothing we model
                    case XmlSchemaElement e:
                        members.Add(ElementMember(e));
                        break;
                    case XmlSchemaAny:
                        break; // ##other extension content is ignored on read and never written
                    default:
                        throw new NotSupportedException($"{name}: unsupported particle {item.GetType().Name}");
                }
            }
        }
        else if (particle is not null && particle is not XmlSchemaGroupBase { Items.Count: 0 })
        {
            throw new NotSupportedException($"{name}: unsupported content model {particle.GetType().Name}");
        }
        foreach (var item in attributes)
        {
            if (item is XmlSchemaAttribute a) members.Add(AttributeMember(a));
        }
        return new TypeModel(name, baseName, members, _globalElements.Contains(name));
    }

    private Member ElementMember(XmlSchemaElement e)
    {
        var type = e.ElementSchemaType!;
        var repeated = e.MaxOccurs > 1;
        var optional = e.MinOccurs == 0;
        if (type is XmlSchemaComplexType ct && !IsSimpleContent(ct))
            return new Member(e.Name!, false, ValueKind.Complex, ct.Name, optional, repeated, null);
        return new Member(e.Name!, false, KindOf(type.Datatype!), null, optional, repeated, e.DefaultValue);
    }

    private static Member AttributeMember(XmlSchemaAttribute a) =>
        new(a.Name!, true, KindOf(a.AttributeSchemaType!.Datatype!), null,
            a.Use != XmlSchemaUse.Required, false, a.DefaultValue);

    private static bool IsSimpleContent(XmlSchemaComplexType ct) => ct.ContentType == XmlSchemaContentType.TextOnly;

    private static ValueKind KindOf(XmlSchemaDatatype datatype) => datatype.TypeCode switch
    {
        XmlTypeCode.Boolean => ValueKind.Bool,
        XmlTypeCode.UnsignedByte => ValueKind.Byte,
        XmlTypeCode.Byte => ValueKind.SByte,
        XmlTypeCode.UnsignedShort => ValueKind.UShort,
        XmlTypeCode.Short => ValueKind.Short,
        XmlTypeCode.UnsignedInt => ValueKind.UInt,
        XmlTypeCode.Int => ValueKind.Int,
        XmlTypeCode.UnsignedLong => ValueKind.ULong,
        XmlTypeCode.Long => ValueKind.Long,
        XmlTypeCode.String => ValueKind.String,
        XmlTypeCode.AnyUri => ValueKind.Uri,
        XmlTypeCode.HexBinary => ValueKind.Hex,
        var other => throw new NotSupportedException($"no mapping for xs type {other}"),
    };
}
