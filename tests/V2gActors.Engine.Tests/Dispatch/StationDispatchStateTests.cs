using V2gActors.Engine.Chargers;
using V2gActors.Engine.Stations;
using V2gActors.Ocpp.Messages.V21;

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

public sealed class StationCallRoutingTests
{
    [Fact]
    public void Ev_needs_are_routed_to_dispatch_with_the_transaction_open_on_that_evse()
    {
        var t = DispatchSamples.Now;
        var state = ChargerState.Empty
            .Apply(new TransactionEventRecorded("tx-1", 0, "Started", t, "CablePluggedIn", 1, 1, null, null, null, []))
            .Apply(new TransactionEventRecorded("tx-2", 0, "Started", t, "CablePluggedIn", 2, 1, null, null, null, []));
        var needs = new NotifyEVChargingNeedsRequest
        {
            EvseId = 2,
            ChargingNeeds = new ChargingNeedsType { RequestedEnergyTransfer = EnergyTransferModeEnumType.DC },
        };
        var decision = StationCallRouting.Route(state, needs);
        Assert.Equal(new DispatchRoute(2, "tx-2"), decision.Dispatch);
        Assert.Null(decision.Response);
        Assert.Empty(decision.Events);
        Assert.Equal(new DispatchRoute(3, null), StationCallRouting.Route(state, needs with { EvseId = 3 }).Dispatch);
    }
}
