using V2gActors.Tools.ExiGen.Model;

namespace V2gActors.Tools.ExiGen.Emit;

/// <summary>Emits the message classes and enumerations of a schema set.</summary>
public static class TypesEmitter
{
    public static string Emit(SchemaSetModel set, string csNamespace, string header)
    {
        var w = new CodeWriter();
        w.Line(header).Line("#nullable enable").Line().Line($"namespace {csNamespace};").Line();
        foreach (var e in set.Enumerations) EmitEnum(w, e);
        foreach (var type in set.ComplexTypes) EmitClass(w, type);
        return w.ToString();
    }

    private static void EmitEnum(CodeWriter w, SimpleTypeModel e)
    {
        w.Line("/// <summary>Enumeration; member order is the EXI n-bit index.</summary>");
        w.Open($"public enum {e.EnumName}");
        var used = new HashSet<string>();
        for (var i = 0; i < e.EnumerationValues.Count; i++)
        {
            var name = Naming.Identifier(e.EnumerationValues[i]);
            while (!used.Add(name)) name += "_";
            w.Line($"{name} = {i},");
        }
        w.Close().Line();
        w.Line($"/// <summary>Schema spellings of <see cref=\"{e.EnumName}\"/> values.</summary>");
        w.Open($"public static class {e.EnumName}Values");
        w.Open($"public static string ToSchemaValue(this {e.EnumName} value) => value switch");
        used.Clear();
        foreach (var v in e.EnumerationValues)
        {
            var name = Naming.Identifier(v);
            while (!used.Add(name)) name += "_";
            w.Line($"{e.EnumName}.{name} => \"{v}\",");
        }
        w.Line("_ => value.ToString(),");
        w.Close(";").Close().Line();
    }

    private static void EmitClass(CodeWriter w, ComplexTypeModel type)
    {
        var origin = type.SchemaName.IsEmpty ? "anonymous type" : $"{{{type.SchemaName.Namespace}}}{type.SchemaName.Name}";
        w.Line($"/// <summary>XSD {origin}.</summary>");
        w.Open($"public sealed partial class {type.CSharpName}");
        foreach (var child in type.Children.Where(c => c.HasProperty))
        {
            var (declared, init) = PropertyType(child);
            var what = child.Kind switch { ChildKind.Attribute => "attribute", ChildKind.Value => "simple content", _ => "element" };
            var occurs = child.IsList ? $", {child.MinOccurs}..{child.MaxOccurs}" : child.IsOptional ? ", optional" : "";
            w.Line($"/// <summary>{what} {child.Name.Name}{occurs}</summary>");
            w.Line($"public {declared} {child.PropertyName} {{ get; set; }}{init}");
        }
        w.Close().Line();
    }

    public static string ElementTypeName(ChildModel child) => child.Complex?.CSharpName ?? child.Simple!.CSharpType;

    private static (string Declared, string Init) PropertyType(ChildModel child)
    {
        var t = ElementTypeName(child);
        if (child.IsList) return ($"List<{t}>", " = [];");
        if (child.IsOptional) return (t + "?", "");
        if (child.Complex is not null) return (t, " = new();");
        return t switch { "string" => (t, " = \"\";"), "byte[]" => (t, " = [];"), _ => (t, "") };
    }
}
