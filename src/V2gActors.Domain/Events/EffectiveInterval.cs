namespace V2gActors.Domain.Events;

/// <summary>An event's interval after this device's randomisation: [Start, End) in server epoch seconds.</summary>
public readonly record struct EffectiveInterval(long Start, long End)
{
    public bool Contains(long instant) => instant >= Start && instant < End;

    public bool Overlaps(EffectiveInterval other) => Start < other.End && other.Start < End;
}
