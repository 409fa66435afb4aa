using System.CommandLine;

namespace V2gActors.Node.Security;

/// <summary>
/// <c>v2gactors pki generate [--out ./data/pki] [--station CS-0001 …] [--sep-client aggregator …]</c>: writes every
/// development certificate (see <see cref="PlatformPkiGenerator"/>) and lists them with subject, issuer, expiry and, for
/// IEEE 2030.5, LFDI/SFDI.
/// </summary>
public static class PkiCommand
{
    /// <summary>True when <paramref name="args"/> ask for this command rather than for a node.</summary>
    public static bool Handles(string[] args) => args is ["pki", ..];

    public static int Run(string[] args, TextWriter? output = null)
    {
        var writer = output ?? Console.Out;
        var outOption = new Option<string>("--out") { Description = "Folder for the certificates", DefaultValueFactory = _ => "./data/pki" };
        var stations = new Option<string[]>("--station")
        {
            Description = "OCPP station ids to issue certificates for (CN = id)", DefaultValueFactory = _ => ["CS-0001"],
            AllowMultipleArgumentsPerToken = true,
        };
        var sepClients = new Option<string[]>("--sep-client")
        {
            Description = "IEEE 2030.5 client certificates to issue (CN)", DefaultValueFactory = _ => ["aggregator"],
            AllowMultipleArgumentsPerToken = true,
        };
        var generate = new Command("generate", "Generate (or reuse) every development certificate of the platform") { outOption, stations, sepClients };
        generate.SetAction(result =>
        {
            var folder = Path.GetFullPath(result.GetValue(outOption)!);
            var generated = PlatformPkiGenerator.Generate(folder, result.GetValue(stations)!, result.GetValue(sepClients)!);
            writer.WriteLine($"Development PKI in {folder} (private keys unencrypted: never use these in production)");
            foreach (var g in generated)
            {
                writer.WriteLine($"  {g.Area,-11} {g.File,-32} {g.Certificate.Subject}");
                writer.WriteLine($"  {"",-11} {"",-32} issuer {g.Certificate.Issuer}; valid to {g.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}"
                                 + (g.Note is null ? "" : $"; {g.Note}"));
            }
            return 0;
        });
        var root = new RootCommand("V2gActors node tools") { new Command("pki", "Development certificates") { generate } };
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = writer });
    }
}
