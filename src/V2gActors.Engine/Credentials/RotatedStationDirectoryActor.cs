using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace V2gActors.Engine.Credentials;

/// <summary>
/// One bucket of the directory of stations whose password was ever rotated (<c>rotated-stations-{bucket}</c>,
/// <see cref="RotatedStationMessageExtractor.Buckets"/> of them). The WebSocket upgrade asks it first: a station it does
/// not know has only its configured credential, so its connect needs no credential entity (a journal recovery per
/// station, behind which a boot storm's upgrades queued until they failed closed). A credential entity registers here,
/// and waits for the answer, before it journals its first rotation event, so "not known here" always means "nothing to
/// recover".
/// </summary>
public sealed class RotatedStationDirectoryActor : ReceivePersistentActor, IWithTimers
{
    private sealed record SeedListed(string[] StationIds);

    private sealed record SeedFailed(string Reason);

    private sealed record RetrySeed
    {
        public static RetrySeed Instance { get; } = new();
    }

    private static readonly TimeSpan RetrySeedAfter = TimeSpan.FromSeconds(5);

    private readonly string _bucket;
    private readonly Func<Task<IReadOnlyCollection<string>>> _listCredentialJournals;
    private readonly HashSet<string> _rotated = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Questions and registrations that came before the seed; sent to self again once it is done.
    private readonly List<(IRotatedStationCommand Command, IActorRef Sender)> _beforeSeed = [];
    private bool _seeded;

    /// <param name="listCredentialJournals">
    /// Station ids that have a credential journal (<see cref="StationCredentialActor.PersistenceIdPrefix"/>), read once
    /// per bucket ever, so stations rotated before this directory existed are known too.
    /// </param>
    public RotatedStationDirectoryActor(string bucket, Func<Task<IReadOnlyCollection<string>>> listCredentialJournals)
    {
        _bucket = bucket;
        _listCredentialJournals = listCredentialJournals;

        Recover<StationRotationRegistered>(e => _rotated.Add(e.StationId));
        Recover<RotatedStationsSeeded>(_ => _seeded = true);
        Recover<RecoveryCompleted>(_ =>
        {
            if (!_seeded) Seed();
        });

        // Until seeded, an answer could wrongly say "never rotated": questions wait.
        Command<IsStationRotated>(q =>
        {
            if (!_seeded) _beforeSeed.Add((q, Sender));
            else Sender.Tell(new RotatedStationAnswer(q.StationId, _rotated.Contains(q.StationId)));
        });
        Command<RegisterRotatedStation>(OnRegister);
        Command<SeedListed>(OnSeedListed);
        Command<SeedFailed>(f =>
        {
            _log.Warning("rotated-station bucket {0}: listing credential journals failed, retrying: {1}", _bucket, f.Reason);
            Timers.StartSingleTimer(RetrySeed.Instance, RetrySeed.Instance, RetrySeedAfter);
        });
        Command<RetrySeed>(_ => Seed());
        Command<StopRotatedStationDirectory>(_ => Context.Stop(Self));
    }

    public override string PersistenceId => $"rotated-stations-{_bucket}";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string bucket, Func<Task<IReadOnlyCollection<string>>> listCredentialJournals) =>
        Akka.Actor.Props.Create(() => new RotatedStationDirectoryActor(bucket, listCredentialJournals));

    private void OnRegister(RegisterRotatedStation register)
    {
        if (!_seeded)
        {
            _beforeSeed.Add((register, Sender));
            return;
        }
        if (_rotated.Contains(register.StationId))
        {
            Sender.Tell(new RotatedStationRegistered(register.StationId));
            return;
        }
        Persist(new StationRotationRegistered(register.StationId), e =>
        {
            _rotated.Add(e.StationId);
            Sender.Tell(new RotatedStationRegistered(e.StationId));
        });
    }

    private void Seed()
    {
        Task<IReadOnlyCollection<string>> listing;
        try
        {
            listing = _listCredentialJournals();
        }
        catch (Exception ex)
        {
            listing = Task.FromException<IReadOnlyCollection<string>>(ex);
        }
        listing.PipeTo(Self, success: ids => new SeedListed([.. ids]), failure: ex => new SeedFailed(ex.Message));
    }

    private void OnSeedListed(SeedListed listed)
    {
        if (_seeded) return;
        var mine = listed.StationIds
            .Where(id => RotatedStationMessageExtractor.BucketOf(id).ToString(System.Globalization.CultureInfo.InvariantCulture) == _bucket)
            .Where(id => !_rotated.Contains(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var events = mine.Select(id => (IRotatedStationEvent)new StationRotationRegistered(id)).Append(new RotatedStationsSeeded(mine.Count));
        PersistAll(events, e =>
        {
            switch (e)
            {
                case StationRotationRegistered registered:
                    _rotated.Add(registered.StationId);
                    break;
                case RotatedStationsSeeded:
                    _seeded = true;
                    if (mine.Count > 0) _log.Info("rotated-station bucket {0}: {1} station(s) with earlier credential journals", _bucket, mine.Count);
                    foreach (var (command, sender) in _beforeSeed) Self.Tell(command, sender);
                    _beforeSeed.Clear();
                    break;
            }
        });
    }
}
