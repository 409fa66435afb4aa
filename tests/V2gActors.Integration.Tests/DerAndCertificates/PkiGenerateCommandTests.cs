using System.Security.Cryptography.X509Certificates;
using V2gActors.Node.Security;
using V2gActors.Pki;

namespace V2gActors.Integration.Tests.DerAndCertificates;

/// <summary><c>pki generate</c>: every development certificate of the platform, in valid chains, reused on a second run.</summary>
public sealed class PkiGenerateCommandTests
{
    [Fact]
    public void Generates_valid_chains_for_ocpp_ieee2030_5_and_iso15118_and_reuses_them()
    {
        var folder = Path.Combine(Path.GetTempPath(), "v2gactors-it", $"{Guid.NewGuid():N}", "pki");
        var output = new StringWriter();

        Assert.Equal(0, PkiCommand.Run(["pki", "generate", "--out", folder, "--station", "CS-1", "CS-2", "--sep-client", "aggregator"], output));

        var text = output.ToString();
        Assert.Contains("LFDI", text);
        Assert.Contains("SFDI", text);
        X509Certificate2 Load(string file) => CertificateFiles.Load(Path.Combine(folder, file));

        // OCPP security profiles 2/3: CSMS server and station certificates under one root.
        var ocppRoot = Load("ca.pfx");
        AssertChain(ocppRoot, Load("csms-server.pfx"));
        var station = Load("stations/CS-2.pfx");
        Assert.StartsWith("CN=CS-2", station.Subject);
        AssertChain(ocppRoot, station);

        // IEEE 2030.5: head-end server and aggregator client under the SERCA stand-in.
        var serca = Load("ieee2030_5/serca.pfx");
        AssertChain(serca, Load("ieee2030_5/server.pfx"));
        AssertChain(serca, Load("ieee2030_5/aggregator.pfx"));

        // ISO 15118: SECC leaf via both CPO Sub-CAs to the V2G root; contract via both MO Sub-CAs to the MO root.
        AssertChain(Load("v2g/v2g-root.pfx"), Load("v2g/secc.pfx"), Load("v2g/cpo-sub-ca-2.pfx"), Load("v2g/cpo-sub-ca-1.pfx"));
        AssertChain(Load("v2g/mo-root.pfx"), Load("v2g/contract.pfx"), Load("v2g/mo-sub-ca-2.pfx"), Load("v2g/mo-sub-ca-1.pfx"));
        Assert.True(File.Exists(Path.Combine(folder, "v2g", "v2g-root.crt")));

        // Nothing is regenerated on a second run.
        var before = Load("v2g/contract.pfx").Thumbprint;
        Assert.Equal(0, PkiCommand.Run(["pki", "generate", "--out", folder], new StringWriter()));
        Assert.Equal(before, Load("v2g/contract.pfx").Thumbprint);
    }

    private static void AssertChain(X509Certificate2 root, X509Certificate2 leaf, params X509Certificate2[] intermediates)
    {
        using var chain = new X509Chain { ChainPolicy = CertificateFactory.TrustOnly(root) };
        chain.ChainPolicy.ExtraStore.AddRange(intermediates);
        Assert.True(chain.Build(leaf), $"{leaf.Subject}: {string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation))}");
        Assert.Equal(intermediates.Length + 2, chain.ChainElements.Count);
    }
}
