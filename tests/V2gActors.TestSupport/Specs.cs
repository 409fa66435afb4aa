namespace V2gActors.TestSupport;

/// <summary>
/// Locates the shared specification folder (../shared/specs relative to the repository root).
/// The specs are reference data, never copied into the project; tests that need them fail with a clear
/// message when the folder is missing.
/// </summary>
public static class Specs
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string PathOf(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    private static string Locate()
    {
        var env = Environment.GetEnvironmentVariable("V2G_SPECS_DIR");
        if (!string.IsNullOrEmpty(env) && System.IO.Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "V2gActors.sln")))
            {
                var specs = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "specs"));
                if (System.IO.Directory.Exists(specs)) return specs;
                throw new InvalidOperationException(
                    $"The shared specifications were not found at {specs}. They live beside the repository " +
                    "(../shared/specs); set V2G_SPECS_DIR to their location to run the conformance tests.");
            }
        }
        throw new InvalidOperationException(
            "Could not find the repository root (V2gActors.sln) above " + AppContext.BaseDirectory +
            "; set V2G_SPECS_DIR to the shared specs folder.");
    }
}
