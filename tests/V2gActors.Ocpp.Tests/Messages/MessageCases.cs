using V2gActors.Ocpp;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Ocpp.Tests.Messages;

/// <summary>Theory data: every message of both editions, taken from the official schema folders.</summary>
public static class MessageCases
{
    public static readonly OcppVersion[] Versions = [OcppVersion.V21, OcppVersion.V201];

    public static TheoryData<OcppVersion, string, OcppPayloadKind> All()
    {
        var data = new TheoryData<OcppVersion, string, OcppPayloadKind>();
        foreach (var version in Versions)
            foreach (var (action, kind) in OcppSchemaFiles.Messages(version))
                data.Add(version, action, kind);
        return data;
    }

    public static TheoryData<OcppVersion, string, OcppPayloadKind, OcppSampleSize> AllSized()
    {
        var data = new TheoryData<OcppVersion, string, OcppPayloadKind, OcppSampleSize>();
        foreach (var version in Versions)
            foreach (var (action, kind) in OcppSchemaFiles.Messages(version))
                foreach (var size in new[] { OcppSampleSize.Minimal, OcppSampleSize.Maximal })
                    data.Add(version, action, kind, size);
        return data;
    }
}
