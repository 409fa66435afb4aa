using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;
using V2gActors.Engine.Sessions;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Tests.Dispatch;

public sealed class LocalFrequencyPlannerTests
{
    private static readonly FrequencyDroop Droop = new(new Hertz(50), new Hertz(0.02), new Hertz(0.02), 0.04, 0.04, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);

    private static FleetMember Member(int i, double heldW, double maxCharge = 11_000, double maxDischarge = 10_000) => new(
        new SessionBounds($"EV-{i}", "F", $"CS-{i}", 1, maxCharge, maxDischarge, 60, 20, 90, 0, null, i % 2 == 0 ? $"TX-{i}" : null, Now),
        heldW, heldW, ProfileInstalled: true);

    private static readonly ImmutableArray<FleetMember> Fleet = [Member(1, 2_000), Member(2, -4_000), Member(3, 0, maxDischarge: 0)];

    [Fact]
    public void The_shares_add_up_to_the_fleet_droop_around_the_held_setpoints_at_every_frequency()
    {
        const double reference = 33_000;
        var shares = LocalFrequencyPlanner.Shares(Fleet, Droop, reference);
        Assert.Equal(["EV-1", "EV-2", "EV-3"], shares.Select(s => s.SessionId));

        var baseline = Fleet.Sum(m => m.HeldSetpointW);
        foreach (var hz in new[] { 49.0, 49.8, 49.95, 49.99, 50.0, 50.01, 50.05, 50.2, 51.0 })
        {
            var total = shares.Sum(s => new PiecewiseLinearCurve(s.Curve).Evaluate(hz));
            // The fleet curve saturates where the fleet's own headroom ends.
            var wanted = baseline + DroopResponse.PowerChange(Droop, new Hertz(hz), new Watts(reference),
                new DroopHeadroom(new Watts(Fleet.Sum(m => m.Bounds.MaxChargeW - m.HeldSetpointW)),
                    new Watts(Fleet.Sum(m => m.HeldSetpointW + m.Bounds.MaxDischargeW)))).Value;
            Assert.Equal(wanted, total, 1e-6);
        }
        // A member that may not discharge never goes below zero.
        Assert.All(shares.Single(s => s.SessionId == "EV-3").Curve, p => Assert.True(p.Y >= -1e-9));
    }

    [Fact]
    public void Frames_are_schema_valid_LocalFrequency_profiles_on_the_fleet_profile_slot()
    {
        var (frames, _) = LocalFrequencyPlanner.Refresh(Fleet, Droop, 33_000, ImmutableDictionary<string, ImmutableArray<CurvePoint>>.Empty, Now);

        Assert.Equal(3, frames.Length);
        foreach (var frame in frames)
        {
            Assert.Equal(SetpointFrames.SetChargingProfile, frame.Action);
            var bytes = Encoding.UTF8.GetBytes(frame.PayloadJson);
            Assert.Null(OcppPayloadCodec.ValidateOutgoing(OcppVersion.V21, frame.Action, OcppPayloadKind.Request, bytes));
            using var json = JsonDocument.Parse(bytes);
            var profile = json.RootElement.GetProperty("chargingProfile");
            Assert.Equal(SetpointFrames.ProfileIdFor(1), profile.GetProperty("id").GetInt32());
            var period = profile.GetProperty("chargingSchedule")[0].GetProperty("chargingSchedulePeriod")[0];
            Assert.Equal("LocalFrequency", period.GetProperty("operationMode").GetString());
            Assert.InRange(period.GetProperty("v2xFreqWattCurve").GetArrayLength(), 2, 20);
        }
    }

    [Fact]
    public void Shares_are_refreshed_when_members_come_and_go_and_not_re_sent_when_nothing_moved()
    {
        var (first, installed) = LocalFrequencyPlanner.Refresh(Fleet, Droop, 33_000, ImmutableDictionary<string, ImmutableArray<CurvePoint>>.Empty, Now);
        var held = installed.ToImmutableDictionary(s => s.SessionId, s => s.Curve);
        Assert.Equal(3, first.Length);

        Assert.Empty(LocalFrequencyPlanner.Refresh(Fleet, Droop, 33_000, held, Now).Frames);

        // A vehicle arrives: every share shrinks (the fleet's headroom grew), so every charger gets its new curve.
        var (joined, _) = LocalFrequencyPlanner.Refresh(Fleet.Add(Member(4, 5_000)), Droop, 44_000, held, Now);
        Assert.Equal(["EV-1", "EV-2", "EV-3", "EV-4"], joined.Select(f => f.SessionId));

        // A vehicle leaves: the others take over its share.
        var (left, _) = LocalFrequencyPlanner.Refresh(Fleet.RemoveAt(1), Droop, 22_000, held, Now);
        Assert.Equal(["EV-1", "EV-3"], left.Select(f => f.SessionId));
    }
}
