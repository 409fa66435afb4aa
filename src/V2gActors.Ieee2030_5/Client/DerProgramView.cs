using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>What the client last read of one DERProgram: the program, its default control and its control list.</summary>
public sealed record DerProgramView(DERProgram Program, DefaultDERControl? Default, IReadOnlyList<DERControl> Controls)
{
    public string ProgramId => Program.Href ?? Convert.ToHexString(Program.MRID ?? []);

    public ProgramDefaults ToDefaults() =>
        new(ProgramId, Program.Primacy, Default is null ? new HashSet<DerControlMode>() : DerModes.Of(Default.DERControlBase));

    public IEnumerable<ScheduledEvent> ToEvents() => Controls.Where(c => c.MRID is not null).Select(c => new ScheduledEvent(
        Convert.ToHexString(c.MRID!), ProgramId, Program.Primacy, c.CreationTime, c.Interval.Start, c.Interval.Duration,
        DerModes.Of(c.DERControlBase), c.RandomizeStart ?? 0, c.RandomizeDuration ?? 0,
        (ServerEventStatus)c.EventStatus.CurrentStatus));
}
