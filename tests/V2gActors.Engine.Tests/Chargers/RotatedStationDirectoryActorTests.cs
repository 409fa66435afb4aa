using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Credentials;
using V2gActors.Engine.Tests.Support;

namespace V2gActors.Engine.Tests.Chargers;

/// <summary>
/// The directory that lets a never-rotated station connect without a credential entity: it must never say "not
/// rotated" for a station whose credential entity has journaled anything.
/// </summary>
public sealed class RotatedStationDirectoryActorTests() : TestKit(EngineTestConfig.InMemory)
{
    private static Func<Task<IReadOnlyCollection<string>>> Journals(params string[] stationIds) =>
        () => Task.FromResult<IReadOnlyCollection<string>>(stationIds);

    private bool Rotated(IActorRef directory, string stationId)
    {
        directory.Tell(new IsStationRotated(stationId));
        return ExpectMsg<RotatedStationAnswer>().Rotated;
    }

    private static string BucketOf(string stationId) =>
        RotatedStationMessageExtractor.BucketOf(stationId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_registered_station_is_known_after_a_restart_and_others_are_not()
    {
        var bucket = BucketOf("CS-A");
        var directory = Sys.ActorOf(RotatedStationDirectoryActor.Props(bucket, Journals()));
        Assert.False(Rotated(directory, "CS-A"));

        directory.Tell(new RegisterRotatedStation("CS-A"));
        ExpectMsg<RotatedStationRegistered>();
        directory.Tell(new RegisterRotatedStation("CS-A")); // idempotent: a second rotation registers again
        ExpectMsg<RotatedStationRegistered>();

        Watch(directory);
        Sys.Stop(directory);
        ExpectTerminated(directory);
        var again = Sys.ActorOf(RotatedStationDirectoryActor.Props(bucket, Journals()));
        Assert.True(Rotated(again, "CS-A"));
        Assert.False(Rotated(again, "CS-B"));
    }

    [Fact]
    public void Credential_journals_older_than_the_directory_are_taken_in_before_any_answer()
    {
        // Two legacy stations in this bucket, one in another bucket (its own bucket takes it in).
        var mine = Enumerable.Range(0, 500).Select(i => $"CS-{i}").Where(id => BucketOf(id) == BucketOf("CS-0")).Take(2).ToArray();
        var foreign = Enumerable.Range(0, 500).Select(i => $"CS-{i}").First(id => BucketOf(id) != BucketOf("CS-0"));
        var listing = new TaskCompletionSource<IReadOnlyCollection<string>>();
        var directory = Sys.ActorOf(RotatedStationDirectoryActor.Props(BucketOf("CS-0"), () => listing.Task));

        directory.Tell(new IsStationRotated(mine[0]));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // no answer before the journals were listed
        listing.SetResult([mine[0], mine[1], foreign]);
        Assert.True(ExpectMsg<RotatedStationAnswer>().Rotated);
        Assert.True(Rotated(directory, mine[1]));
        Assert.False(Rotated(directory, foreign));

        // Seeded once: a restarted bucket does not list again (the listing would now fail the test).
        Watch(directory);
        Sys.Stop(directory);
        ExpectTerminated(directory);
        var again = Sys.ActorOf(RotatedStationDirectoryActor.Props(BucketOf("CS-0"),
            () => throw new InvalidOperationException("listed twice")));
        Assert.True(Rotated(again, mine[0]));
    }

    [Fact]
    public void The_bucket_of_a_station_never_changes()
    {
        // Part of persistence ids: a changed hash would look stations up in the wrong bucket after an upgrade.
        Assert.Equal(45, RotatedStationMessageExtractor.BucketOf("CS-0001"));
        Assert.Equal(5, RotatedStationMessageExtractor.BucketOf(""));
    }
}
