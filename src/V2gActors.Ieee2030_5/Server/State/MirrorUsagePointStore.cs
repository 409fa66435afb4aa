using System.Collections.Concurrent;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>A mirror a client created, the LFDI allowed to post to it, and every reading posted so far.</summary>
public sealed record MirrorEntry(int Id, string OwnerLfdi, MirrorUsagePoint UsagePoint, List<MirrorMeterReading> Readings)
{
    public string Href => $"/mup/{Id}";
}

/// <summary>MirrorUsagePoints: clients push metering here because the server cannot reach into their network.</summary>
public sealed class MirrorUsagePointStore
{
    private readonly ConcurrentDictionary<int, MirrorEntry> _mirrors = new();
    private readonly Lock _gate = new();
    private int _nextId;

    /// <summary>Creates the mirror, or returns the existing one with the same mRID (a client re-posting after restart).</summary>
    public (MirrorEntry Entry, bool Created) Create(string ownerLfdi, MirrorUsagePoint mup)
    {
        lock (_gate)
        {
            var existing = _mirrors.Values.FirstOrDefault(m =>
                m.UsagePoint.MRID is not null && mup.MRID is not null && m.UsagePoint.MRID.AsSpan().SequenceEqual(mup.MRID));
            if (existing is not null) return (existing, false);
            var entry = new MirrorEntry(++_nextId, ownerLfdi, mup, []);
            mup.Href = entry.Href;
            _mirrors[entry.Id] = entry;
            lock (entry.Readings) entry.Readings.AddRange(mup.MirrorMeterReading);
            return (entry, true);
        }
    }

    public MirrorEntry? Find(int id) => _mirrors.GetValueOrDefault(id);

    public IReadOnlyList<MirrorEntry> OwnedBy(string lfdi) =>
        _mirrors.Values.Where(m => m.OwnerLfdi.Equals(lfdi, StringComparison.OrdinalIgnoreCase)).OrderBy(m => m.Id).ToList();

    public void AddReadings(MirrorEntry entry, IEnumerable<MirrorMeterReading> readings)
    {
        lock (entry.Readings) entry.Readings.AddRange(readings);
    }

    public IReadOnlyList<MirrorMeterReading> ReadingsOf(int id)
    {
        var entry = Find(id);
        if (entry is null) return [];
        lock (entry.Readings) return entry.Readings.ToList();
    }
}
