using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>
/// The head-end's DER programs with their controls, default control and curves. Operators (or the tests) add
/// and cancel controls through this API; every change raises <see cref="ControlsChanged"/> so subscribers hear
/// about it. Stored resources are never handed out for mutation: readers get snapshots.
/// </summary>
public sealed class DerProgramCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ProgramEntry> _programs = [];
    private int _nextControlId;

    /// <summary>Raised with the program id after its control list changed.</summary>
    public event Action<int>? ControlsChanged;

    public string ResponseSetHref { get; init; } = "/rsps/1/rsp";

    public DERProgram AddProgram(int id, string description, byte primacy, byte[] mrid, DERControlBase? defaults = null)
    {
        lock (_gate)
        {
            var program = new DERProgram
            {
                Href = $"/derp/{id}", MRID = mrid, Description = description, Version = 0, Primacy = primacy,
                Subscribable = 0,
                DERControlListLink = new DERControlListLink { Href = $"/derp/{id}/derc" },
                ActiveDERControlListLink = new ActiveDERControlListLink { Href = $"/derp/{id}/actderc" },
                DERCurveListLink = new DERCurveListLink { Href = $"/derp/{id}/dc" },
            };
            DefaultDERControl? dderc = null;
            if (defaults is not null)
            {
                program.DefaultDERControlLink = new DefaultDERControlLink { Href = $"/derp/{id}/dderc" };
                dderc = new DefaultDERControl
                {
                    Href = $"/derp/{id}/dderc", MRID = DeriveMrid(mrid, 0xD0), Description = description + " default",
                    Version = 0, DERControlBase = defaults,
                };
            }
            _programs[id] = new ProgramEntry(program, dderc, [], []);
            return program;
        }
    }

    /// <summary>Adds a control; href and replyTo are assigned here so Responses come back to this server.</summary>
    public DERControl AddControl(int programId, DERControl control)
    {
        lock (_gate)
        {
            var entry = _programs[programId];
            var id = ++_nextControlId;
            control.Href = $"/derp/{programId}/derc/{id}";
            control.ReplyTo ??= ResponseSetHref;
            control.ResponseRequired ??= [0x03];
            entry.Controls.Add(control);
        }
        ControlsChanged?.Invoke(programId);
        return control;
    }

    /// <summary>Marks a control cancelled (2030.5 keeps cancelled events listed so clients learn of them).</summary>
    public bool CancelControl(int programId, byte[] mrid, long now)
    {
        lock (_gate)
        {
            var control = _programs[programId].Controls.FirstOrDefault(c => c.MRID is not null && c.MRID.AsSpan().SequenceEqual(mrid));
            if (control is null) return false;
            control.EventStatus = new EventStatus { CurrentStatus = 2, DateTime = now, PotentiallySuperseded = false };
        }
        ControlsChanged?.Invoke(programId);
        return true;
    }

    public void AddCurve(int programId, DERCurve curve)
    {
        lock (_gate)
        {
            var entry = _programs[programId];
            curve.Href = $"/derp/{programId}/dc/{entry.Curves.Count + 1}";
            entry.Curves.Add(curve);
        }
    }

    public IReadOnlyList<DERProgram> Programs()
    {
        lock (_gate) return _programs.Values.Select(p => p.Program).OrderBy(p => p.Primacy).ToList();
    }

    public DERProgram? Program(int id)
    {
        lock (_gate) return _programs.GetValueOrDefault(id)?.Program;
    }

    public DefaultDERControl? DefaultControl(int id)
    {
        lock (_gate) return _programs.GetValueOrDefault(id)?.Default;
    }

    /// <summary>Controls in 2030.5 list order: start ascending, then newest creation first, then mRID.</summary>
    public IReadOnlyList<DERControl>? Controls(int programId)
    {
        lock (_gate)
        {
            if (!_programs.TryGetValue(programId, out var entry)) return null;
            return entry.Controls
                .OrderBy(c => c.Interval.Start)
                .ThenByDescending(c => c.CreationTime)
                .ThenByDescending(c => Convert.ToHexString(c.MRID ?? []), StringComparer.Ordinal)
                .ToList();
        }
    }

    public IReadOnlyList<DERCurve>? Curves(int programId)
    {
        lock (_gate) return _programs.TryGetValue(programId, out var entry) ? entry.Curves.ToList() : null;
    }

    private static byte[] DeriveMrid(byte[] mrid, byte marker)
    {
        var copy = (byte[])mrid.Clone();
        copy[0] = marker;
        return copy;
    }

    private sealed record ProgramEntry(DERProgram Program, DefaultDERControl? Default, List<DERControl> Controls, List<DERCurve> Curves);
}
