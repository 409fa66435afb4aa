using V2gActors.Engine.Stations;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class StationDispatchStateTests
{
    private static readonly DateTimeOffset Now = DispatchSamples.Now;

    [Fact]
    public void Needs_for_the_same_transaction_update_its_session_a_new_transaction_replaces_it()
    {
        var state = StationDispatchState.Empty.Apply(new StationFleetAssigned("F1", Now));

        var first = state.SessionFor("CS-1", 1, "tx-1", "m1", out var replaced);
        Assert.Equal(("CS-1:tx-1", (StationSession?)null), (first.SessionId, replaced));
        state = state.Apply(new StationSessionOpened(first, Now));

        Assert.Equal(first, state.SessionFor("CS-1", 1, "tx-1", "m2", out replaced));
        Assert.Null(replaced);

        var next = state.SessionFor("CS-1", 1, "tx-2", "m3", out replaced);
        Assert.Equal(("CS-1:tx-2", first), (next.SessionId, replaced));
        Assert.Equal(first, state.SessionOfTransaction("tx-1"));
        Assert.Empty(state.Apply(new StationSessionClosed(first.SessionId, "ended", Now)).Sessions);
    }

    [Fact]
    public void Needs_before_the_transaction_keep_their_session_when_the_transaction_appears()
    {
        var early = StationDispatchState.Empty.SessionFor("CS-1", 2, null, "m1", out _);
        Assert.Equal("CS-1:2:m1", early.SessionId);
        var state = StationDispatchState.Empty.Apply(new StationSessionOpened(early, Now));
        var later = state.SessionFor("CS-1", 2, "tx-9", "m2", out var replaced);
        Assert.Equal(("CS-1:2:m1", "tx-9", (StationSession?)null), (later.SessionId, later.TransactionId, replaced));
    }
}
