using System.Text;
using V2gActors.Tools.OcppGen;

// Usage (from the repository root):
//   dotnet run --project src/Tools/V2gActors.Tools.OcppGen -- [specsDir] [--check]
// specsDir defaults to ../shared/specs next to the repository. --check writes nothing and exits 1 when the
// committed files differ from what the schemas produce.
var check = args.Contains("--check");
var repoRoot = FindRepoRoot();
var specs = Path.GetFullPath(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
                             ?? Path.Combine(repoRoot, "..", "shared", "specs"));
var outputRoot = Path.Combine(repoRoot, "src", "V2gActors.Ocpp.Messages", "Generated");

var report = new List<string>();
var v201 = SchemaLoader.Load("2.0.1", "V2gActors.Ocpp.Messages.V201", "OcppV201", Path.Combine(specs, "ocpp201", "schemas"), report);
var v21 = SchemaLoader.Load("2.1", "V2gActors.Ocpp.Messages.V21", "OcppV21", Path.Combine(specs, "ocpp21", "schemas"), report);

var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
AddEdition("V201", v201, CompatibilityPolicy.Exact);
AddEdition("V21", v21, CompatibilityPolicy.AcceptingPayloadsOf(v201));

var stale = new List<string>();
foreach (var folder in new[] { "V201", "V21" })
{
    var dir = Path.Combine(outputRoot, folder);
    if (!Directory.Exists(dir)) continue;
    stale.AddRange(Directory.GetFiles(dir, "*.g.cs").Where(f => !files.ContainsKey(f)));
}

var differences = 0;
foreach (var (path, text) in files)
{
    var bytes = new UTF8Encoding(false).GetBytes(text);
    var same = File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    if (same) continue;
    differences++;
    if (check) { Console.WriteLine($"differs: {Path.GetRelativePath(repoRoot, path)}"); continue; }
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllBytes(path, bytes);
    Console.WriteLine($"wrote {Path.GetRelativePath(repoRoot, path)}");
}
foreach (var path in stale)
{
    differences++;
    if (check) { Console.WriteLine($"stale: {Path.GetRelativePath(repoRoot, path)}"); continue; }
    File.Delete(path);
    Console.WriteLine($"deleted {Path.GetRelativePath(repoRoot, path)}");
}

foreach (var line in report) Console.WriteLine(line);
Console.WriteLine(differences == 0 ? "generated code is up to date" : $"{differences} file(s) {(check ? "out of date" : "updated")}");
return check && differences > 0 ? 1 : 0;

void AddEdition(string folder, EditionModel edition, CompatibilityPolicy policy)
{
    var dir = Path.Combine(outputRoot, folder);
    var types = new TypesEmitter(edition, policy, report);
    var catalog = new CatalogEmitter(edition);
    var validator = new ValidatorEmitter(edition);
    files[Path.Combine(dir, "Enums.g.cs")] = types.Enums();
    files[Path.Combine(dir, "Types.g.cs")] = types.Definitions();
    files[Path.Combine(dir, "Messages.g.cs")] = types.Messages();
    files[Path.Combine(dir, $"{edition.ClassPrefix}Catalog.g.cs")] = catalog.Catalog();
    files[Path.Combine(dir, $"{edition.ClassPrefix}JsonContext.g.cs")] = catalog.JsonContext();
    files[Path.Combine(dir, $"{validator.ClassName}.g.cs")] = validator.Emit();
}

static string FindRepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "V2gActors.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository (no V2gActors.sln found above the current directory).");
}
