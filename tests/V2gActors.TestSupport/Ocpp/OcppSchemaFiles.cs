using V2gActors.Ocpp;

namespace V2gActors.TestSupport.Ocpp;

/// <summary>Where the official schema of an OCPP message lives in the shared specs (read in place, never copied).</summary>
public static class OcppSchemaFiles
{
    public static string Folder(OcppVersion version) =>
        Specs.PathOf(version == OcppVersion.V21 ? "ocpp21" : "ocpp201", "schemas");

    /// <summary>The schema file of (action, kind); a SEND message (no Request/Response suffix) answers for Request.</summary>
    public static string PathOf(OcppVersion version, string action, OcppPayloadKind kind)
    {
        var suffixed = Path.Combine(Folder(version), action + (kind == OcppPayloadKind.Request ? "Request" : "Response") + ".json");
        if (File.Exists(suffixed)) return suffixed;
        var send = Path.Combine(Folder(version), action + ".json");
        if (kind == OcppPayloadKind.Request && File.Exists(send)) return send;
        throw new FileNotFoundException($"No OCPP {version} schema for {action} {kind} in {Folder(version)}.", suffixed);
    }

    /// <summary>Every (action, kind) the edition's schema folder defines, ordered.</summary>
    public static IReadOnlyList<(string Action, OcppPayloadKind Kind)> Messages(OcppVersion version) =>
        Directory.GetFiles(Folder(version), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(stem => stem!.EndsWith("Request", StringComparison.Ordinal) ? (stem[..^7], OcppPayloadKind.Request)
                : stem.EndsWith("Response", StringComparison.Ordinal) ? (stem[..^8], OcppPayloadKind.Response)
                : (stem, OcppPayloadKind.Request))
            .OrderBy(m => m.Item1, StringComparer.Ordinal).ThenBy(m => m.Item2)
            .ToList();
}
