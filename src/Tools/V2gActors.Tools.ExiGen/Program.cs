using V2gActors.Tools.ExiGen;

// Generates src/V2gActors.Iso15118/Exi/Generated from the ISO 15118-20 schemas.
//   dotnet run --project src/Tools/V2gActors.Tools.ExiGen -- [specs/iso15118-20 dir] [output dir]
// Defaults: ../shared/specs/iso15118-20 and src/V2gActors.Iso15118/Exi/Generated relative to the repository root.
var repoRoot = FindRepoRoot();
var specsDir = args.Length > 0 ? args[0] : Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "specs", "iso15118-20"));
var outputDir = args.Length > 1 ? args[1] : Path.Combine(repoRoot, "src", "V2gActors.Iso15118", "Exi", "Generated");

Directory.CreateDirectory(outputDir);
foreach (var file in ExiCodeGenerator.Generate(specsDir, Console.WriteLine))
    File.WriteAllText(Path.Combine(outputDir, file.Name), file.Content);

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "V2gActors.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
