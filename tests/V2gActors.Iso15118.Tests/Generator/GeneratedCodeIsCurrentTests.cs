using V2gActors.TestSupport;
using V2gActors.Tools.ExiGen;

namespace V2gActors.Iso15118.Tests.Generator;

/// <summary>The committed src/V2gActors.Iso15118/Exi/Generated is exactly what the generator makes from the shared XSDs.</summary>
public sealed class GeneratedCodeIsCurrentTests
{
    [Fact]
    public void Committed_generated_code_matches_a_fresh_generation()
    {
        var generated = ExiCodeGenerator.Generate(Specs.PathOf("iso15118-20"));
        var folder = Path.Combine(RepoRoot(), "src", "V2gActors.Iso15118", "Exi", "Generated");

        foreach (var file in generated)
        {
            var path = Path.Combine(folder, file.Name);
            Assert.True(File.Exists(path), $"{file.Name} is missing; run the generator");
            Assert.True(file.Content == File.ReadAllText(path), $"{file.Name} is stale; run the generator");
        }
        Assert.Equal(generated.Select(f => f.Name).Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order()!);
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var first = ExiCodeGenerator.Generate(Specs.PathOf("iso15118-20"));
        var second = ExiCodeGenerator.Generate(Specs.PathOf("iso15118-20"));
        Assert.Equal(first, second);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "V2gActors.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root (V2gActors.sln) not found");
    }
}
