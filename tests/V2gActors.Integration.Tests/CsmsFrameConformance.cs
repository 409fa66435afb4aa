using System.Text;
using V2gActors.Simulators.Chargers;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Integration.Tests;

/// <summary>Checks what simulated stations saw the CSMS send against the official OCPP JSON schemas.</summary>
public static class CsmsFrameConformance
{
    /// <summary>One line per distinct violation (edition, action, kind, errors, payload); empty when every frame is valid.</summary>
    public static List<string> Violations(IEnumerable<CsmsFrameObserved> observed) =>
        observed
            .Select(f => (f, errors: OcppSchemaValidator.Validate(f.Version, f.Action, f.Kind, Encoding.UTF8.GetString(f.Payload.Span))))
            .Where(x => x.errors.Count > 0)
            .Select(x => $"{x.f.Version} {x.f.Action}{x.f.Kind}: {string.Join(", ", x.errors)} in {Encoding.UTF8.GetString(x.f.Payload.Span)}")
            .Distinct()
            .ToList();
}
