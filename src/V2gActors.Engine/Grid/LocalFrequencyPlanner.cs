using System.Collections.Immutable;
using System.Text;
using V2gActors.Domain.Allocation;
using V2gActors.Domain.Grid;
using V2gActors.Domain.Units;
using V2gActors.Engine.Fleets;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

using V2gActors.Engine.Chargers;

namespace V2gActors.Engine.Grid;

/// <summary>One member's pre-positioned share of the fleet droop: an absolute freq-watt curve (Hz → W, import positive).</summary>
public sealed record LocalFrequencyShare(string SessionId, string StationId, int EvseId, ImmutableArray<CurvePoint> Curve);

/// <summary>
/// Path (a) of frequency response, pre-positioning: each member's charger gets its share of the fleet's droop as an
/// OCPP 2.1 charging profile in operation mode <c>LocalFrequency</c> with a <c>v2xFreqWattCurve</c>, so it answers a
/// frequency excursion by itself, before any central loop could. Pure. The shares come from the Domain's
/// <see cref="FrequencyWattShares"/> (each member takes the fleet change in proportion to its headroom around the
/// setpoint it holds; the curves add up to the fleet curve at every frequency), so they must be refreshed whenever a
/// member joins, leaves or moves its setpoint: <see cref="Refresh"/> returns frames only for the members whose curve
/// changed. The curve is absolute (no <c>v2xBaseline</c>): the held setpoint is already in it.
/// </summary>
public static class LocalFrequencyPlanner
{
    /// <summary>A share whose points all moved less than this is not re-sent (chargers resolve far coarser).</summary>
    public const double RefreshToleranceW = 1.0;

    public static ImmutableArray<LocalFrequencyShare> Shares(IReadOnlyList<FleetMember> members, FrequencyDroop droop, double fleetReferenceW)
    {
        var ordered = members.OrderBy(m => m.Bounds.SessionId, StringComparer.Ordinal).ToArray();
        var points = new ChargerOperatingPoint[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            var b = ordered[i].Bounds;
            points[i] = new ChargerOperatingPoint(new Watts(ordered[i].HeldSetpointW), new Watts(b.MaxChargeW), new Watts(b.MaxDischargeW));
        }
        var curves = FrequencyWattShares.Split(droop, new Watts(fleetReferenceW), points);
        var shares = ImmutableArray.CreateBuilder<LocalFrequencyShare>(ordered.Length);
        for (var i = 0; i < ordered.Length; i++)
            shares.Add(new LocalFrequencyShare(ordered[i].Bounds.SessionId, ordered[i].Bounds.StationId, ordered[i].Bounds.EvseId,
                [.. curves[i].Points]));
        return shares.MoveToImmutable();
    }

    /// <summary>
    /// The frames that bring the chargers to the current shares, given the curves they hold (<paramref name="installed"/>,
    /// by session id): new members and members whose curve moved get one; the others none. Returns the new shares too,
    /// to become <paramref name="installed"/> once acknowledged.
    /// </summary>
    public static (ImmutableArray<PlannedFrame> Frames, ImmutableArray<LocalFrequencyShare> Shares) Refresh(
        IReadOnlyList<FleetMember> members, FrequencyDroop droop, double fleetReferenceW,
        IReadOnlyDictionary<string, ImmutableArray<CurvePoint>> installed, DateTimeOffset now)
    {
        var shares = Shares(members, droop, fleetReferenceW);
        var bySession = members.ToDictionary(m => m.Bounds.SessionId, StringComparer.Ordinal);
        var frames = ImmutableArray.CreateBuilder<PlannedFrame>();
        foreach (var share in shares)
        {
            if (installed.TryGetValue(share.SessionId, out var held) && Same(held, share.Curve)) continue;
            var member = bySession[share.SessionId];
            // SetpointW: the operating point at nominal frequency, which the curve holds until the frequency moves.
            frames.Add(new PlannedFrame(share.SessionId, share.StationId, share.EvseId,
                new SendChargerCommand(share.StationId, SetpointFrames.SetChargingProfile, Payload(member.Bounds, share.Curve, now)),
                member.HeldSetpointW, SetpointReason.FollowingTarget));
        }
        return (frames.ToImmutable(), shares);
    }

    /// <summary>
    /// SetChargingProfile on the fleet's profile slot of the EVSE (<see cref="SetpointFrames.ProfileIdFor"/>): while
    /// pre-positioned, the EVSE follows its curve instead of a central setpoint. <c>limit</c>/<c>dischargeLimit</c> keep
    /// the session's hard bounds around whatever the curve asks.
    /// </summary>
    public static string Payload(Sessions.SessionBounds bounds, IReadOnlyList<CurvePoint> curve, DateTimeOffset now)
    {
        var request = SetpointFrames.DynamicProfile(bounds, now, new ChargingSchedulePeriodType
        {
            StartPeriod = 0,
            OperationMode = OperationModeEnumType.LocalFrequency,
            Limit = SetpointFrames.Round(Math.Max(0, bounds.MaxChargeW)),
            DischargeLimit = SetpointFrames.Round(-Math.Max(0, bounds.MaxDischargeW)),
            V2xFreqWattCurve = [.. curve.Select(p => new V2XFreqWattPointType
            {
                Frequency = Math.Round((decimal)p.X, 4, MidpointRounding.AwayFromZero),
                Power = SetpointFrames.Round(p.Y),
            })],
        });
        return Encoding.UTF8.GetString(OcppPayloadCodec.Encode(request));
    }

    private static bool Same(ImmutableArray<CurvePoint> a, ImmutableArray<CurvePoint> b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
            if (Math.Abs(a[i].X - b[i].X) >= 1e-6 || Math.Abs(a[i].Y - b[i].Y) >= RefreshToleranceW) return false;
        return true;
    }
}
