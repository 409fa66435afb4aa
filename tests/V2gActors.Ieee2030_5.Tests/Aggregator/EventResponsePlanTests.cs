using V2gActors.Domain.Events;
using V2gActors.Ieee2030_5.Aggregator;

namespace V2gActors.Ieee2030_5.Tests.Aggregator;

public class EventResponsePlanTests
{
    private static EventTransition T(string mrid, ResponseStatus status) => new(mrid, "/derp/1", status);

    private static ResponseStatus[] Statuses(IEnumerable<ResponseToPost> posts) => posts.Select(p => p.Status).ToArray();

    [Fact]
    public void Started_waits_for_the_fleet_and_completed_follows_it()
    {
        var plan = new EventResponsePlan();

        Assert.Equal([ResponseStatus.EventReceived], Statuses(plan.OnTransitions([T("A", ResponseStatus.EventReceived)])));
        Assert.Empty(plan.OnTransitions([T("A", ResponseStatus.EventStarted)]));
        Assert.Equal(["A"], plan.AwaitingFleet);

        Assert.Equal([ResponseStatus.EventStarted], Statuses(plan.OnFleetOutcome("A", FleetOutcome.Applied)));
        Assert.Empty(plan.OnFleetOutcome("A", FleetOutcome.Applied));
        Assert.Equal([ResponseStatus.EventCompleted], Statuses(plan.OnTransitions([T("A", ResponseStatus.EventCompleted)])));
        Assert.Empty(plan.OnTransitions([T("A", ResponseStatus.EventCompleted)]));
    }

    [Fact]
    public void An_event_already_running_on_arrival_is_received_first_and_started_only_by_the_fleet()
    {
        var plan = new EventResponsePlan();

        var posts = plan.OnTransitions([T("A", ResponseStatus.EventReceived), T("A", ResponseStatus.EventStarted)]);

        Assert.Equal([ResponseStatus.EventReceived], Statuses(posts));
        Assert.True(plan.AwaitingFleet.Contains("A"));
    }

    [Theory]
    [InlineData(FleetOutcome.NotApplicable, ResponseStatus.EventNotApplicable)]
    [InlineData(FleetOutcome.Infeasible, ResponseStatus.EventInvalid)]
    public void A_fleet_that_cannot_follow_rejects_and_nothing_follows(FleetOutcome outcome, ResponseStatus rejection)
    {
        var plan = new EventResponsePlan();
        plan.OnTransitions([T("A", ResponseStatus.EventReceived), T("A", ResponseStatus.EventStarted)]);

        Assert.Equal([rejection], Statuses(plan.OnFleetOutcome("A", outcome)));
        Assert.Empty(plan.OnTransitions([T("A", ResponseStatus.EventCompleted)]));
        Assert.Empty(plan.AwaitingFleet);
    }

    [Fact]
    public void Cancelled_and_superseded_are_reported_as_they_come_and_are_final()
    {
        var plan = new EventResponsePlan();
        plan.OnTransitions([T("A", ResponseStatus.EventReceived), T("B", ResponseStatus.EventReceived)]);

        Assert.Equal([ResponseStatus.EventCancelled], Statuses(plan.OnTransitions([T("A", ResponseStatus.EventCancelled)])));
        Assert.Equal([ResponseStatus.EventSuperseded], Statuses(plan.OnTransitions([T("B", ResponseStatus.EventSuperseded)])));
        Assert.Empty(plan.OnFleetOutcome("A", FleetOutcome.Applied));
        Assert.Empty(plan.OnTransitions([T("B", ResponseStatus.EventStarted)]));
    }

    [Fact]
    public void An_event_first_seen_after_it_ended_is_only_reported_expired()
    {
        var plan = new EventResponsePlan();
        Assert.Equal([ResponseStatus.EventExpired], Statuses(plan.OnTransitions([T("A", ResponseStatus.EventExpired)])));
    }

    [Fact]
    public void An_event_that_ends_before_the_fleet_answered_is_completed_without_started()
    {
        var plan = new EventResponsePlan();
        plan.OnTransitions([T("A", ResponseStatus.EventReceived), T("A", ResponseStatus.EventStarted)]);

        Assert.Equal([ResponseStatus.EventCompleted], Statuses(plan.OnTransitions([T("A", ResponseStatus.EventCompleted)])));
        Assert.Empty(plan.OnFleetOutcome("A", FleetOutcome.Applied));
    }
}
