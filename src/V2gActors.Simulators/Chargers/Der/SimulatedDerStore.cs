using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Simulators.Chargers.Der;

/// <summary>
/// The DER controls a simulated station holds (OCPP 2.1 R04): SetDERControl stores a control and supersedes the
/// previous one of the same type and kind (the default of a type; or a scheduled control of the same priority),
/// GetDERControl lists them as ReportDERControl parts, ClearDERControl removes matches. Thread-safe.
/// </summary>
public sealed class SimulatedDerStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (SetDERControlRequest Control, bool Superseded)> _controls = new(StringComparer.Ordinal);

    /// <summary>Every control held, superseded ones included.</summary>
    public IReadOnlyList<SetDERControlRequest> Controls { get { lock (_gate) return [.. _controls.Values.Select(c => c.Control)]; } }

    public SetDERControlResponse Set(SetDERControlRequest request)
    {
        // A real station checks what the CSMS should already have checked: one settings object per control.
        if (SettingsCount(request) != 1)
            return new SetDERControlResponse
            {
                Status = DERControlStatusEnumType.Rejected,
                StatusInfo = new StatusInfoType { ReasonCode = "InvalidValue", AdditionalInfo = "exactly one settings object required" },
            };
        lock (_gate)
        {
            var superseded = _controls
                .Where(c => !c.Value.Superseded && c.Key != request.ControlId
                            && c.Value.Control.ControlType == request.ControlType && c.Value.Control.IsDefault == request.IsDefault
                            && (request.IsDefault || Priority(c.Value.Control) == Priority(request)))
                .Select(c => c.Key).ToList();
            foreach (var id in superseded) _controls[id] = (_controls[id].Control, true);
            _controls[request.ControlId] = (request, false);
            return new SetDERControlResponse
            {
                Status = DERControlStatusEnumType.Accepted, SupersededIds = superseded.Count > 0 ? superseded : null,
            };
        }
    }

    public ClearDERControlResponse Clear(ClearDERControlRequest request)
    {
        lock (_gate)
        {
            var matches = Matching(request.IsDefault, request.ControlType, request.ControlId).Select(c => c.Control.ControlId).ToList();
            foreach (var id in matches) _controls.Remove(id);
            return new ClearDERControlResponse
            {
                Status = matches.Count > 0 ? DERControlStatusEnumType.Accepted : DERControlStatusEnumType.NotFound,
            };
        }
    }

    /// <summary>The controls matching a GetDERControl, as one ReportDERControl (null when none match: NotFound).</summary>
    public ReportDERControlRequest? Report(GetDERControlRequest request)
    {
        List<(SetDERControlRequest Control, bool Superseded)> found;
        lock (_gate) found = Matching(request.IsDefault, request.ControlType, request.ControlId).ToList();
        if (found.Count == 0) return null;
        return new ReportDERControlRequest
        {
            RequestId = request.RequestId,
            Curve = NullIfEmpty(found.Where(c => c.Control.Curve is not null).Select(c => new DERCurveGetType
            {
                Curve = c.Control.Curve!, Id = c.Control.ControlId, CurveType = c.Control.ControlType, IsDefault = c.Control.IsDefault,
                IsSuperseded = c.Superseded,
            })),
            EnterService = NullIfEmpty(found.Where(c => c.Control.EnterService is not null)
                .Select(c => new EnterServiceGetType { EnterService = c.Control.EnterService!, Id = c.Control.ControlId })),
            FixedPFAbsorb = NullIfEmpty(found.Where(c => c.Control.FixedPFAbsorb is not null).Select(c => new FixedPFGetType
            {
                FixedPF = c.Control.FixedPFAbsorb!, Id = c.Control.ControlId, IsDefault = c.Control.IsDefault, IsSuperseded = c.Superseded,
            })),
            FixedPFInject = NullIfEmpty(found.Where(c => c.Control.FixedPFInject is not null).Select(c => new FixedPFGetType
            {
                FixedPF = c.Control.FixedPFInject!, Id = c.Control.ControlId, IsDefault = c.Control.IsDefault, IsSuperseded = c.Superseded,
            })),
            FixedVar = NullIfEmpty(found.Where(c => c.Control.FixedVar is not null).Select(c => new FixedVarGetType
            {
                FixedVar = c.Control.FixedVar!, Id = c.Control.ControlId, IsDefault = c.Control.IsDefault, IsSuperseded = c.Superseded,
            })),
            FreqDroop = NullIfEmpty(found.Where(c => c.Control.FreqDroop is not null).Select(c => new FreqDroopGetType
            {
                FreqDroop = c.Control.FreqDroop!, Id = c.Control.ControlId, IsDefault = c.Control.IsDefault, IsSuperseded = c.Superseded,
            })),
            Gradient = NullIfEmpty(found.Where(c => c.Control.Gradient is not null)
                .Select(c => new GradientGetType { Gradient = c.Control.Gradient!, Id = c.Control.ControlId })),
            LimitMaxDischarge = NullIfEmpty(found.Where(c => c.Control.LimitMaxDischarge is not null).Select(c => new LimitMaxDischargeGetType
            {
                LimitMaxDischarge = c.Control.LimitMaxDischarge!, Id = c.Control.ControlId, IsDefault = c.Control.IsDefault,
                IsSuperseded = c.Superseded,
            })),
        };
    }

    private IEnumerable<(SetDERControlRequest Control, bool Superseded)> Matching(bool? isDefault, DERControlEnumType? type, string? id) =>
        _controls.Values.Where(c => (isDefault is null || c.Control.IsDefault == isDefault)
                                    && (type is null || c.Control.ControlType == type)
                                    && (id is null || c.Control.ControlId == id)).ToList();

    private static IReadOnlyList<T>? NullIfEmpty<T>(IEnumerable<T> items) => items.ToList() is { Count: > 0 } list ? list : null;

    private static int SettingsCount(SetDERControlRequest r) =>
        new object?[] { r.Curve, r.EnterService, r.FixedPFAbsorb, r.FixedPFInject, r.FixedVar, r.FreqDroop, r.Gradient, r.LimitMaxDischarge }
            .Count(o => o is not null);

    private static int? Priority(SetDERControlRequest r) =>
        r.Curve?.Priority ?? r.EnterService?.Priority ?? r.FixedPFAbsorb?.Priority ?? r.FixedPFInject?.Priority ?? r.FixedVar?.Priority
        ?? r.FreqDroop?.Priority ?? r.Gradient?.Priority ?? r.LimitMaxDischarge?.Priority;
}
