using System.Security.Cryptography.X509Certificates;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Pki;
using V2gActors.Pki.V2g;
using SepPki = V2gActors.Ieee2030_5.Security.DevelopmentPki;

namespace V2gActors.Node.Security;

/// <summary>One generated certificate, as the <c>pki generate</c> command lists it.</summary>
public sealed record GeneratedCertificate(string Area, string File, X509Certificate2 Certificate, string? Note = null);

/// <summary>
/// Generates every development certificate the platform uses under one folder (nothing is committed; run it on a new
/// machine): the OCPP CSMS root, server and station certificates directly in the folder (where the node looks by
/// default), the IEEE 2030.5 SERCA stand-in with a head-end server and aggregator/device client certificates under
/// <c>ieee2030_5/</c> (their LFDI/SFDI noted), and the ISO 15118 V2G PKI (V2G root, CPO Sub-CAs, SECC leaf, MO root,
/// MO Sub-CAs, contract certificate) under <c>v2g/</c> (where the CSMS's certificate authority looks by default).
/// Existing files are reused, so running it twice changes nothing.
/// </summary>
public static class PlatformPkiGenerator
{
    public static IReadOnlyList<GeneratedCertificate> Generate(string folder, IReadOnlyList<string> stationIds, IReadOnlyList<string> sepClients)
    {
        var generated = new List<GeneratedCertificate>();

        var ocpp = DevelopmentPki.LoadOrCreate(folder);
        generated.Add(new("ocpp", "ca.pfx", ocpp.Ca, "CSMS and station root"));
        generated.Add(new("ocpp", "csms-server.pfx", ocpp.Server));
        generated.AddRange(stationIds.Select(id => new GeneratedCertificate("ocpp", $"stations/{id}.pfx", ocpp.StationCertificate(id))));

        var sepFolder = Path.Combine(folder, "ieee2030_5");
        var serca = CertificateFiles.LoadOrCreate(sepFolder, "serca", () => SepPki.Create().Root);
        var sep = SepPki.FromRoot(serca);
        generated.Add(new("ieee2030_5", "ieee2030_5/serca.pfx", serca));
        generated.Add(Sep("server", CertificateFiles.LoadOrCreate(sepFolder, "server", () => sep.IssueServer())));
        generated.AddRange(sepClients.Select(name => Sep(name, CertificateFiles.LoadOrCreate(sepFolder, name, () => sep.IssueDevice(name)))));

        var v2g = V2gDevelopmentPki.LoadOrCreate(Path.Combine(folder, "v2g"));
        foreach (var (file, certificate) in new (string, X509Certificate2)[]
                 {
                     ("v2g-root", v2g.V2gRoot), ("cpo-sub-ca-1", v2g.CpoSubCa1), ("cpo-sub-ca-2", v2g.CpoSubCa2), ("secc", v2g.Secc),
                     ("mo-root", v2g.MoRoot), ("mo-sub-ca-1", v2g.MoSubCa1), ("mo-sub-ca-2", v2g.MoSubCa2), ("contract", v2g.Contract),
                 })
            generated.Add(new("iso15118", $"v2g/{file}.pfx", certificate));
        return generated;
    }

    private static GeneratedCertificate Sep(string name, X509Certificate2 certificate)
    {
        var identity = DeviceIdentity.Of(certificate);
        return new("ieee2030_5", $"ieee2030_5/{name}.pfx", certificate, $"LFDI {identity.Lfdi} SFDI {identity.Sfdi}");
    }
}
