using System.Xml;
using System.Xml.Schema;
using V2gActors.Tools.ExiGen.Grammar;

namespace V2gActors.Tools.ExiGen.Model;

/// <summary>
/// Turns the complex types of one compiled schema set into <see cref="ComplexTypeModel"/>s: slots plus the
/// schema-informed element grammar (attributes sorted by local name then URI, then the content particle;
/// substitution groups expand to their sorted, non-abstract members; mixed content adds CH everywhere in
/// the content).
/// </summary>
public sealed class ComplexTypeModelBuilder(XmlSchemaSet set, Naming naming, SimpleTypeMapper simpleTypes)
{
    private readonly Dictionary<XmlSchemaComplexType, ComplexTypeModel> _models = new();
    private readonly Queue<(XmlSchemaComplexType Type, ComplexTypeModel Model)> _pending = new();

    public IEnumerable<ComplexTypeModel> Models => _models.Values;

    /// <summary>Model for a type, built (with everything it reaches) on first request.</summary>
    public ComplexTypeModel Get(XmlSchemaComplexType type, string anonymousName)
    {
        if (_models.TryGetValue(type, out var model)) return model;
        model = new ComplexTypeModel
        {
            CSharpName = naming.TypeName(type.QualifiedName.IsEmpty ? anonymousName + "Type" : type.QualifiedName.Name, type),
            SchemaName = type.QualifiedName,
        };
        _models[type] = model;
        _pending.Enqueue((type, model));
        return model;
    }

    public void BuildPending()
    {
        while (_pending.TryDequeue(out var item)) Build(item.Type, item.Model);
    }

    public (SimpleTypeModel? Simple, ComplexTypeModel? Complex) Resolve(XmlSchemaType type, string name) => type switch
    {
        XmlSchemaSimpleType simple => (simpleTypes.Map(simple, name), null),
        XmlSchemaComplexType { QualifiedName.Name: "anyType", QualifiedName.Namespace: XmlSchema.Namespace } =>
            throw new NotSupportedException($"{name}: xs:anyType content is not supported"),
        XmlSchemaComplexType complex => (null, Get(complex, name)),
        _ => throw new NotSupportedException($"{name}: unexpected type {type}"),
    };

    private void Build(XmlSchemaComplexType type, ComplexTypeModel model)
    {
        if (type.AttributeWildcard is not null)
            throw new NotSupportedException($"{model.CSharpName}: anyAttribute is not supported");

        var nfa = new ContentNfa();
        var expansions = new Dictionary<XmlQualifiedName, List<int>>();
        var start = nfa.NewState();
        var s = BuildAttributes(type, model, nfa, start);

        var contentStart = nfa.StateCount;
        var contentEntry = nfa.NewState();
        nfa.Epsilon(s, contentEntry);
        int end;
        switch (type.ContentType)
        {
            case XmlSchemaContentType.TextOnly:
            {
                var valueType = SimpleBaseOf(type);
                var child = AddChild(model, ChildKind.Value, XmlQualifiedName.Empty, "Value", simpleTypes.Map(valueType, model.CSharpName + "Value"), null);
                child.MinOccurs = child.MaxOccurs = 1;
                end = nfa.NewState();
                nfa.Edge(contentEntry, new Terminal(TerminalKind.Characters, child.Index), end);
                break;
            }
            case XmlSchemaContentType.Empty:
                end = contentEntry;
                break;
            default:
                end = BuildParticle(type.ContentTypeParticle, model, nfa, contentEntry, expansions);
                break;
        }
        if (type.ContentType == XmlSchemaContentType.Mixed)
        {
            // EXI §8.5.4.1.3.2: a mixed type accepts CH in every state of its content grammar.
            var text = AddChild(model, ChildKind.MixedText, XmlQualifiedName.Empty, "MixedText", null, null);
            for (var state = contentStart; state < nfa.StateCount; state++)
                nfa.Edge(state, new Terminal(TerminalKind.Characters, text.Index), state);
        }
        model.Grammar = GrammarDeterminizer.Determinize(nfa, start, end);
        ComputeOccurrences(type, model, expansions);
    }

    private int BuildAttributes(XmlSchemaComplexType type, ComplexTypeModel model, ContentNfa nfa, int start)
    {
        var attributes = type.AttributeUses.Values.Cast<XmlSchemaAttribute>()
            .Where(a => a.Use != XmlSchemaUse.Prohibited)
            .OrderBy(a => a.QualifiedName.Name, StringComparer.Ordinal)
            .ThenBy(a => a.QualifiedName.Namespace, StringComparer.Ordinal)
            .ToList();
        var s = start;
        foreach (var attribute in attributes)
        {
            var child = AddChild(model, ChildKind.Attribute, attribute.QualifiedName, attribute.QualifiedName.Name,
                simpleTypes.Map(attribute.AttributeSchemaType!, attribute.QualifiedName.Name), null);
            child.MinOccurs = attribute.Use == XmlSchemaUse.Required ? 1 : 0;
            child.MaxOccurs = 1;
            var next = nfa.NewState();
            nfa.Edge(s, new Terminal(TerminalKind.Attribute, child.Index), next);
            if (attribute.Use != XmlSchemaUse.Required) nfa.Epsilon(s, next);
            s = next;
        }
        return s;
    }

    private int BuildParticle(XmlSchemaParticle particle, ComplexTypeModel model, ContentNfa nfa, int start,
        Dictionary<XmlQualifiedName, List<int>> expansions)
    {
        if (particle.MaxOccurs == 0 || particle is not (XmlSchemaElement or XmlSchemaGroupBase or XmlSchemaAny))
            return start; // the empty particle
        var min = (int)particle.MinOccurs;
        var max = particle.MaxOccurs == decimal.MaxValue ? int.MaxValue : (int)particle.MaxOccurs;
        switch (particle)
        {
            case XmlSchemaElement element:
            {
                var terminals = ElementTerminals(element, model, expansions);
                return nfa.Repeat(start, min, max, s =>
                {
                    var end = nfa.NewState();
                    foreach (var t in terminals) nfa.Edge(s, t, end);
                    return end;
                });
            }
            case XmlSchemaAny any:
            {
                var child = AddChild(model, ChildKind.Wildcard, XmlQualifiedName.Empty, "Any", null, null);
                if (any.Namespace is not (null or "##any" or "##other"))
                    throw new NotSupportedException($"{model.CSharpName}: wildcard namespace list '{any.Namespace}' not supported");
                return nfa.Repeat(start, min, max, s =>
                {
                    var end = nfa.NewState();
                    nfa.Edge(s, new Terminal(TerminalKind.Wildcard, child.Index), end);
                    return end;
                });
            }
            case XmlSchemaSequence sequence:
            {
                // Register children once, in schema order, before unrolling copies.
                var items = sequence.Items.Cast<XmlSchemaParticle>().ToList();
                return nfa.Repeat(start, min, max, s =>
                {
                    foreach (var item in items) s = BuildParticle(item, model, nfa, s, expansions);
                    return s;
                });
            }
            case XmlSchemaChoice choice:
            {
                var items = choice.Items.Cast<XmlSchemaParticle>().ToList();
                return nfa.Repeat(start, min, max, s =>
                {
                    var end = nfa.NewState();
                    foreach (var item in items)
                    {
                        var branch = nfa.NewState();
                        nfa.Epsilon(s, branch);
                        nfa.Epsilon(BuildParticle(item, model, nfa, branch, expansions), end);
                    }
                    return end;
                });
            }
            default:
                throw new NotSupportedException($"{model.CSharpName}: {particle.GetType().Name} (xs:all) is not supported");
        }
    }

    /// <summary>SE terminals of an element particle: itself, or its substitution group sorted by local name then URI.</summary>
    private List<Terminal> ElementTerminals(XmlSchemaElement element, ComplexTypeModel model, Dictionary<XmlQualifiedName, List<int>> expansions)
    {
        if (!expansions.TryGetValue(element.QualifiedName, out var indices))
        {
            if (model.Children.Any(c => c.Kind == ChildKind.Element && c.Name == element.QualifiedName))
                throw new NotSupportedException($"{model.CSharpName}: element {element.QualifiedName} appears in two particles");
            indices = [];
            foreach (var member in SubstitutionMembers(element))
            {
                var (simple, complex) = Resolve(member.ElementSchemaType!, member.QualifiedName.Name);
                var child = AddChild(model, ChildKind.Element, member.QualifiedName, member.QualifiedName.Name, simple, complex,
                    needsXsiType: member.ElementSchemaType is XmlSchemaComplexType { IsAbstract: true });
                indices.Add(child.Index);
            }
            expansions[element.QualifiedName] = indices;
        }
        return indices.Select(i => new Terminal(TerminalKind.Element, i)).ToList();
    }

    private List<XmlSchemaElement> SubstitutionMembers(XmlSchemaElement element)
    {
        var head = set.GlobalElements[element.QualifiedName] as XmlSchemaElement;
        if (head is null || element.RefName.IsEmpty) return [element];
        var members = new List<XmlSchemaElement>();
        foreach (var candidate in set.GlobalElements.Values.Cast<XmlSchemaElement>())
        {
            if (candidate.IsAbstract) continue;
            if (candidate == head || Substitutes(candidate, head.QualifiedName)) members.Add(candidate);
        }
        return members.OrderBy(m => m.QualifiedName.Name, StringComparer.Ordinal)
            .ThenBy(m => m.QualifiedName.Namespace, StringComparer.Ordinal).ToList();
    }

    private bool Substitutes(XmlSchemaElement candidate, XmlQualifiedName head)
    {
        for (var depth = 0; depth < 32 && !candidate.SubstitutionGroup.IsEmpty; depth++)
        {
            if (candidate.SubstitutionGroup == head) return true;
            if (set.GlobalElements[candidate.SubstitutionGroup] is not XmlSchemaElement parent) return false;
            candidate = parent;
        }
        return false;
    }

    private static ChildModel AddChild(ComplexTypeModel model, ChildKind kind, XmlQualifiedName name, string propertyName,
        SimpleTypeModel? simple, ComplexTypeModel? complex, bool needsXsiType = false)
    {
        var property = Naming.Identifier(propertyName);
        if (property == model.CSharpName || model.Children.Any(c => c.PropertyName == property)) property += "_" + model.Children.Count;
        var child = new ChildModel
        {
            Index = model.Children.Count, Kind = kind, Name = name, PropertyName = property, Simple = simple, Complex = complex,
            NeedsXsiType = needsXsiType,
        };
        model.Children.Add(child);
        return child;
    }

    private static XmlSchemaSimpleType SimpleBaseOf(XmlSchemaComplexType type)
    {
        for (XmlSchemaType? t = type; t is not null; t = t.BaseXmlSchemaType)
            if (t is XmlSchemaSimpleType simple) return simple;
        throw new NotSupportedException($"{type.QualifiedName}: simple content without a simple base type");
    }

    /// <summary>Min/max occurrences of each element slot over the whole content model (choice or substitution ⇒ optional).</summary>
    private static void ComputeOccurrences(XmlSchemaComplexType type, ComplexTypeModel model, Dictionary<XmlQualifiedName, List<int>> expansions)
    {
        if (type.ContentType is XmlSchemaContentType.Empty or XmlSchemaContentType.TextOnly) return;
        var occurrences = Occurrences(type.ContentTypeParticle, expansions);
        foreach (var child in model.Children.Where(c => c.Kind == ChildKind.Element))
        {
            var (min, max) = occurrences.TryGetValue(child.Index, out var o) ? o : (0, 1);
            child.MinOccurs = min;
            child.MaxOccurs = max;
        }
    }

    private static Dictionary<int, (int Min, int Max)> Occurrences(XmlSchemaParticle particle, Dictionary<XmlQualifiedName, List<int>> expansions)
    {
        var result = new Dictionary<int, (int Min, int Max)>();
        if (particle.MaxOccurs == 0) return result;
        var pMin = (int)particle.MinOccurs;
        var pMax = particle.MaxOccurs == decimal.MaxValue ? int.MaxValue : (int)particle.MaxOccurs;
        switch (particle)
        {
            case XmlSchemaElement element when expansions.TryGetValue(element.QualifiedName, out var indices):
                foreach (var index in indices) result[index] = (indices.Count > 1 ? 0 : pMin, pMax);
                break;
            case XmlSchemaSequence sequence:
                foreach (var item in sequence.Items.Cast<XmlSchemaParticle>())
                foreach (var (k, o) in Occurrences(item, expansions))
                    result[k] = result.TryGetValue(k, out var e) ? (e.Min + o.Min, Sat((long)e.Max + o.Max)) : o;
                foreach (var k in result.Keys.ToList()) result[k] = (result[k].Min * pMin, Sat((long)result[k].Max * pMax));
                break;
            case XmlSchemaChoice choice:
                foreach (var item in choice.Items.Cast<XmlSchemaParticle>())
                foreach (var (k, o) in Occurrences(item, expansions))
                    result[k] = (0, Sat((long)o.Max * pMax));
                break;
        }
        return result;
    }

    private static int Sat(long value) => value >= int.MaxValue ? int.MaxValue : (int)value;
}
