using System.Collections.Immutable;
using Akka.Actor;
using V2gActors.Engine.Chargers;

namespace V2gActors.Cmd.Chargers;

/// <summary>What this node has heard about one station from its entity's notices.</summary>
public sealed record KnownCharger(
    string StationId,
    bool Connected,
    string? Model,
    string? Vendor,
    RegistrationStatus? Registration,
    int OpenTransactions,
    DateTimeOffset LastNoticeAt);

/// <summary>Asks the directory for every station it knows; the answer is <see cref="KnownChargers"/>.</summary>
public sealed record ListKnownChargers
{
    public static ListKnownChargers Instance { get; } = new();
}

public sealed record KnownChargers(ImmutableArray<KnownCharger> Chargers);

/// <summary>
/// Keeps a summary per station from the <see cref="ChargerNotice"/>s on this node's EventStream, so <c>charger list</c>
/// answers without waking (or creating) any entity. Notices are local, so it knows the stations whose entities
/// live on this node since it started; the palette adds the entity ids from the shard region for the rest.
/// </summary>
public sealed class ChargerDirectory : ReceiveActor
{
    private ImmutableSortedDictionary<string, KnownCharger> _known = ImmutableSortedDictionary<string, KnownCharger>.Empty;

    public ChargerDirectory()
    {
        Receive<ChargerNotice>(notice => _known = _known.SetItem(notice.StationId, Apply(Find(notice.StationId), notice)));
        Receive<ListKnownChargers>(_ => Sender.Tell(new KnownChargers([.. _known.Values])));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new ChargerDirectory());

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ChargerNotice));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private KnownCharger Find(string stationId) =>
        _known.TryGetValue(stationId, out var known)
            ? known
            : new KnownCharger(stationId, false, null, null, null, 0, DateTimeOffset.UtcNow);

    private static KnownCharger Apply(KnownCharger known, ChargerNotice notice)
    {
        var seen = known with { LastNoticeAt = DateTimeOffset.UtcNow };
        return notice switch
        {
            ChargerConnectivityNotice c => seen with { Connected = c.Connected },
            ChargerBootNotice b => seen with { Connected = true, Model = b.Model, Vendor = b.VendorName, Registration = b.Status },
            TransactionStartedNotice => seen with { OpenTransactions = known.OpenTransactions + 1 },
            TransactionEndedNotice => seen with { OpenTransactions = Math.Max(0, known.OpenTransactions - 1) },
            _ => seen,
        };
    }
}
