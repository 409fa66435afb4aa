using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.Admission;

namespace V2gActors.Engine.Tests.Chargers;

public sealed class BootAdmissionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_gate_admits_everyone()
    {
        for (var i = 0; i < 10_000; i++) Assert.True(BootAdmission.None.Decide($"CS-{i}", T0).Admitted);
    }

    [Fact]
    public void A_burst_is_admitted_and_the_rest_get_increasing_booked_intervals()
    {
        var gate = new BootAdmission(bootsPerSecond: 10, burst: 5);

        var decisions = Enumerable.Range(0, 25).Select(i => gate.Decide($"CS-{i}", T0)).ToList();

        Assert.All(decisions.Take(5), d => Assert.True(d.Admitted));
        var waits = decisions.Skip(5).Select(d => { Assert.False(d.Admitted); return d.RetryAfter; }).ToList();
        Assert.Equal(waits.OrderBy(w => w), waits);                 // later arrivals wait longer
        Assert.True(waits[^1] >= TimeSpan.FromSeconds(2));          // 20 stations at 10/s: about 2 s of queue
        Assert.All(waits, w => Assert.Equal(0, w.TotalSeconds % 1)); // whole seconds, as OCPP's interval
        Assert.Equal(20, gate.ReservationCount);
    }

    [Fact]
    public void A_station_returning_at_its_slot_is_admitted_on_its_reservation()
    {
        var gate = new BootAdmission(bootsPerSecond: 1, burst: 1);
        Assert.True(gate.Decide("A", T0).Admitted);
        var wait = gate.Decide("B", T0);
        Assert.False(wait.Admitted);

        // Meanwhile others keep arriving and are queued behind B.
        for (var i = 0; i < 5; i++) Assert.False(gate.Decide($"late-{i}", T0 + TimeSpan.FromMilliseconds(10)).Admitted);

        Assert.True(gate.Decide("B", T0 + wait.RetryAfter).Admitted);
        Assert.Equal(5, gate.ReservationCount);
    }

    [Fact]
    public void A_station_back_too_early_queues_again()
    {
        var gate = new BootAdmission(bootsPerSecond: 1, burst: 1);
        gate.Decide("A", T0);
        var first = gate.Decide("B", T0);
        var second = gate.Decide("B", T0 + TimeSpan.FromMilliseconds(100));
        Assert.False(second.Admitted);
        Assert.True(second.RetryAfter >= first.RetryAfter - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Reservations_are_bounded()
    {
        var gate = new BootAdmission(bootsPerSecond: 1, burst: 1, maxReservations: 100);
        for (var i = 0; i < 1_000; i++) gate.Decide($"CS-{i}", T0);
        Assert.True(gate.ReservationCount <= 100);
    }

    [Fact]
    public void The_registration_policy_turns_a_refused_admission_into_Pending_with_the_booked_interval()
    {
        var policy = RegistrationPolicy.AcceptAll with { Admission = new BootAdmission(1, 1) };

        Assert.Equal((RegistrationStatus.Accepted, 300), policy.DecideBoot("A", T0));
        var (status, interval) = policy.DecideBoot("B", T0);
        Assert.Equal(RegistrationStatus.Pending, status);
        Assert.InRange(interval, 1, 2);

        var denied = policy with { Deny = ["BAD"] };
        Assert.Equal(RegistrationStatus.Rejected, denied.DecideBoot("BAD", T0).Status);
    }
}
