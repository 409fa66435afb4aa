// Generates the IEEE 2030.5 resource classes from sep.xsd.
//
// Usage: dotnet run --project src/Tools/V2gActors.Tools.SepGen -- <path/to/sep.xsd> <output folder>
// The schema is read at generation time only; its documentation text (IEEE copyright) is never copied into the
// output, only names, types and the order of each xs:sequence.
using V2gActors.Tools.SepGen;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SepGen <sep.xsd> <output folder>");
    return 2;
}

var model = SchemaModel.Load(args[0]);
var selected = model.Closure(RootTypes.Names);
var writer = new ClassWriter(model);
Directory.CreateDirectory(args[1]);
foreach (var stale in Directory.GetFiles(args[1], "*.g.cs")) File.Delete(stale);
foreach (var type in selected.OrderBy(t => t.Name, StringComparer.Ordinal))
{
    File.WriteAllText(Path.Combine(args[1], type.Name + ".g.cs"), writer.Write(type));
}
File.WriteAllText(Path.Combine(args[1], "SepResourceTypes.g.cs"), writer.WriteRegistry(selected));
Console.WriteLine($"generated {selected.Count} types into {args[1]}");
return 0;
