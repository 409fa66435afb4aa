using System.Globalization;
using V2gActors.Tools.ExiGen.Grammar;
using V2gActors.Tools.ExiGen.Model;

namespace V2gActors.Tools.ExiGen.Emit;

/// <summary>
/// Emits, for a schema set: the grammar tables, one decoder and one encoder per complex type, and the
/// document-level codec (EXI header, global element code, root element).
/// </summary>
public static class CodecEmitter
{
    public static string Emit(SchemaSetModel set, string csNamespace, string header)
    {
        var partitions = new StringPartitions();
        var w = new CodeWriter();
        w.Line(header).Line("#nullable enable").Line()
            .Line("using System.Diagnostics.CodeAnalysis;")
            .Line("using V2gActors.Iso15118.Exi.Grammar;")
            .Line("using V2gActors.Iso15118.Exi.Streams;")
            .Line().Line($"namespace {csNamespace};").Line();
        EmitDocument(w, set, partitions);
        EmitGrammars(w, set);
        EmitDecoders(w, set, partitions);
        EmitEncoders(w, set);
        return w.ToString();
    }

    private static void EmitDocument(CodeWriter w, SchemaSetModel set, StringPartitions partitions)
    {
        var count = set.GlobalElements.Count;
        // DocContent offers SE(G_0..G_n-1) and SE(*) at the first level (CM/PI are pruned: not preserved).
        var width = BitsFor(count + 1);
        w.Line($"/// <summary>EXI document codec for {set.TargetNamespace} (schema-informed, non-strict, bit-packed).</summary>");
        w.Open($"public static class {set.Name}Exi");
        w.Line($"public const string Namespace = \"{set.TargetNamespace}\";").Line();
        w.Line("/// <summary>Global elements in EXI order (local name, then URI); the index is the document event code.</summary>");
        w.Line("public static IReadOnlyList<(string Namespace, string Name)> RootElements { get; } =");
        w.Line("[");
        foreach (var g in set.GlobalElements) w.Line($"    (\"{g.Name.Namespace}\", \"{g.Name.Name}\"),");
        w.Line("];").Line();

        w.Open("public static bool TryDecode(ReadOnlySpan<byte> exi, [NotNullWhen(true)] out ExiDocument? document, [NotNullWhen(false)] out string? error)");
        w.Line("var r = new ExiBitReader(exi);");
        w.Line("r.ReadHeader();");
        w.Line($"var code = (int)r.ReadBits({width});");
        w.Line("object? body = null;");
        w.Open("switch (code)");
        for (var i = 0; i < count; i++)
        {
            var g = set.GlobalElements[i];
            if (g.IsAbstract) w.Line($"case {i}: r.Fail(\"abstract element {g.Name.Name} cannot be a document root\"); break;");
            else if (g.Complex is { } c) w.Line($"case {i}: body = {set.Name}Decoder.{c.CSharpName}(r); break;");
            else w.Line($"case {i}: r.BeginSimpleContent(); body = {SimpleValueCode.Read(g.Simple!, partitions.Of(g.Name))}; r.EndSimpleContent(); break;");
        }
        w.Line($"default: r.Fail($\"document event code {{code}} is not a schema-declared root element\"); break;");
        w.Close();
        w.Open("if (r.Failed || body is null)");
        w.Line("document = null;").Line("error = r.Error ?? \"empty document\";").Line("return false;");
        w.Close();
        w.Line("document = new ExiDocument(RootElements[code].Namespace, RootElements[code].Name, body);");
        w.Line("error = null;").Line("return true;");
        w.Close().Line();

        w.Line("/// <summary>Encodes a document; throws <see cref=\"ExiEncodeException\"/> when it does not fit the schema.</summary>");
        w.Open("public static byte[] Encode(ExiDocument document)");
        w.Line("var code = -1;");
        w.Line("for (var i = 0; i < RootElements.Count; i++)");
        w.Line("    if (RootElements[i].Namespace == document.RootNamespace && RootElements[i].Name == document.RootName) code = i;");
        w.Line("var w = new ExiBitWriter();");
        w.Line("w.WriteHeader();");
        w.Line($"if (code >= 0) w.WriteBits((uint)code, {width});");
        w.Open("switch (code)");
        for (var i = 0; i < count; i++)
        {
            var g = set.GlobalElements[i];
            if (g.IsAbstract) continue;
            var t = g.Complex?.CSharpName ?? g.Simple!.CSharpType;
            var cast = $"document.Body is {t} body{i} ? body{i} : throw WrongBody(document, \"{t}\")";
            if (g.Complex is { } c) w.Line($"case {i}: {set.Name}Encoder.{c.CSharpName}(w, {cast}); break;");
            else w.Line($"case {i}: ExiGrammarWriter.BeginSimpleContent(w); {SimpleValueCode.Write(g.Simple!, $"({cast})")}; ExiGrammarWriter.EndSimpleContent(w); break;");
        }
        w.Line("default: throw new ExiEncodeException($\"{document.RootName} is not a concrete global element of \" + Namespace);");
        w.Close();
        w.Line("return w.ToArray();");
        w.Close().Line();

        w.Line("/// <summary>Wraps a message in its document when its type is the type of exactly one global element.</summary>");
        w.Open("public static ExiDocument Document(object body) => body switch");
        foreach (var group in set.GlobalElements.Where(g => g.Complex is not null && !g.IsAbstract).GroupBy(g => g.Complex!))
        {
            if (group.Count() != 1) continue;
            var g = group.Single();
            w.Line($"{g.Complex!.CSharpName} => new ExiDocument(\"{g.Name.Namespace}\", \"{g.Name.Name}\", body),");
        }
        w.Line("_ => throw new ExiEncodeException($\"{body.GetType().Name} is not the type of a unique global element; name the root explicitly\"),");
        w.Close(";").Line();
        w.Line("private static ExiEncodeException WrongBody(ExiDocument d, string expected) =>");
        w.Line("    new($\"root {d.RootName} needs a {expected} body, got {d.Body?.GetType().Name ?? \"null\"}\");");
        w.Close().Line();
    }

    private static void EmitGrammars(CodeWriter w, SchemaSetModel set)
    {
        w.Line("/// <summary>Normalised element grammars, one state per line; production index = first-level event code.</summary>");
        w.Open($"internal static class {set.Name}Grammars");
        foreach (var type in set.ComplexTypes)
        {
            w.Line($"internal static readonly ExiGrammar {type.CSharpName} = ExiGrammar.Parse(\"{type.CSharpName}\", \"\"\"");
            foreach (var state in type.Grammar.States)
                w.Line("    " + string.Join(" ", state.Select(Production)));
            w.Line("    \"\"\");").Line();
        }
        w.Close().Line();
    }

    private static string Production(ProductionModel p) => p.Terminal.Kind switch
    {
        TerminalKind.EndElement => "EE",
        TerminalKind.Attribute => $"AT{p.Terminal.Child}>{p.Next}",
        TerminalKind.Element => $"SE{p.Terminal.Child}>{p.Next}",
        TerminalKind.Wildcard => $"ANY{p.Terminal.Child}>{p.Next}",
        TerminalKind.Characters => $"CH{p.Terminal.Child}>{p.Next}",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    private static void EmitDecoders(CodeWriter w, SchemaSetModel set, StringPartitions partitions)
    {
        w.Line("/// <summary>One decoder per type: follows the grammar, fills the class; errors stay on the reader.</summary>");
        w.Open($"internal static class {set.Name}Decoder");
        foreach (var type in set.ComplexTypes)
        {
            w.Open($"internal static {type.CSharpName} {type.CSharpName}(ExiBitReader r)");
            w.Line($"var v = new {type.CSharpName}();");
            w.Line("var state = 0;");
            w.Open($"while (r.NextEvent({set.Name}Grammars.{type.CSharpName}, ref state, out var p))");
            w.Open("switch (p.Child)");
            foreach (var child in type.Children.Where(c => c.HasProperty))
                w.Line($"case {child.Index}: {DecodeChild(set, child, partitions)} break;");
            w.Line($"default: r.Unsupported({set.Name}Grammars.{type.CSharpName}, p); break;");
            w.Close();
            w.Close();
            w.Line("return v;");
            w.Close().Line();
        }
        w.Close().Line();
    }

    private static string DecodeChild(SchemaSetModel set, ChildModel child, StringPartitions partitions)
    {
        if (child.NeedsXsiType)
            return $"r.Fail(\"{child.Name.Name} has an abstract type and needs xsi:type, which is not supported\");";
        var target = $"v.{child.PropertyName}";
        string Assign(string value) => child.IsList ? $"{target}.Add({value});" : $"{target} = {value};";
        if (child.Complex is { } c) return Assign($"{set.Name}Decoder.{c.CSharpName}(r)");
        // Simple content of a complex type belongs to the enclosing element, whose name a shared type
        // decoder does not know: its partition is left untracked.
        var read = SimpleValueCode.Read(child.Simple!, child.Kind == ChildKind.Value ? -1 : partitions.Of(child.Name));
        return child.Kind == ChildKind.Element ? $"r.BeginSimpleContent(); {Assign(read)} r.EndSimpleContent();" : Assign(read);
    }

    private static void EmitEncoders(CodeWriter w, SchemaSetModel set)
    {
        w.Line("/// <summary>One encoder per type: announces each present child in schema order; the grammar rejects invalid shapes.</summary>");
        w.Open($"internal static class {set.Name}Encoder");
        foreach (var type in set.ComplexTypes)
        {
            w.Open($"internal static void {type.CSharpName}(ExiBitWriter w, {type.CSharpName} v)");
            w.Line($"var g = new ExiGrammarWriter(w, {set.Name}Grammars.{type.CSharpName});");
            foreach (var child in type.Children.Where(c => c.HasProperty)) EncodeChild(w, set, child);
            w.Line("g.End();");
            w.Close().Line();
        }
        w.Close();
    }

    private static void EncodeChild(CodeWriter w, SchemaSetModel set, ChildModel child)
    {
        var x = "x" + child.Index.ToString(CultureInfo.InvariantCulture);
        var kind = child.Kind switch
        {
            ChildKind.Attribute => "ExiEventKind.Attribute",
            ChildKind.Value => "ExiEventKind.Characters",
            _ => "ExiEventKind.StartElement",
        };
        if (child.NeedsXsiType)
        {
            w.Line($"if (v.{child.PropertyName} is not null) throw new ExiEncodeException(\"{child.Name.Name} has an abstract type and needs xsi:type, which is not supported\");");
            return;
        }
        string body;
        if (child.Complex is { } c) body = $"{set.Name}Encoder.{c.CSharpName}(w, {x});";
        else if (child.Kind == ChildKind.Element)
            body = $"ExiGrammarWriter.BeginSimpleContent(w); {SimpleValueCode.Write(child.Simple!, x)}; ExiGrammarWriter.EndSimpleContent(w);";
        else body = SimpleValueCode.Write(child.Simple!, x) + ";";
        var emit = $"{{ g.Event({kind}, {child.Index}); {body} }}";
        if (child.IsList) w.Line($"foreach (var {x} in v.{child.PropertyName}) {emit}");
        else if (child.Simple is { IsValueType: true } && !child.IsOptional) w.Line($"{{ var {x} = v.{child.PropertyName}; g.Event({kind}, {child.Index}); {body} }}");
        else w.Line($"if (v.{child.PropertyName} is {{ }} {x}) {emit}");
    }

    private static int BitsFor(int count)
    {
        var bits = 0;
        while ((1 << bits) < count) bits++;
        return bits;
    }
}
