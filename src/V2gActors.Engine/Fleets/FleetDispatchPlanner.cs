using System.Collections.Immutable;
using V2gActors.Domain.Allocation;
using V2gActors.Domain.Units;
using V2gActors.Engine.Chargers;

namespace V2gActors.Engine.Fleets;

/// <summary>
/// One frame to send: the member, its allocated setpoint and the command that carries it to the charger entity (a whole
/// profile as JSON, or a typed <see cref="SendSetpointUpdate"/> that the entity encodes only if it leaves).
/// </summary>
public sealed record PlannedFrame(
    string SessionId,
    string StationId,
    int EvseId,
    IChargerCommand Command,
    double SetpointW,
    SetpointReason Reason)
{
    public string Action => SetpointFrames.ActionOf(Command);

    /// <summary>The OCPP payload of the frame (built on demand for a typed update: for logs and tests).</summary>
    public string PayloadJson => SetpointFrames.PayloadOf(Command);
}

/// <summary>An allocation of one target over the fleet and the frames that carry it.</summary>
public sealed record DispatchPlan(FleetAllocation Allocation, ImmutableArray<PlannedFrame> Frames)
{
    public double AllocatedW => Allocation.Achieved.Value;

    /// <summary>Names of the layout limits the allocation could not hold (see <see cref="FleetAllocation.ViolatedNodes"/>).</summary>
    public ImmutableArray<string> ViolatedLimits { get; init; } = [];
}

/// <summary>
/// Turns (fleet state, target) into an allocation and its frames. Pure: it wraps <see cref="FleetAllocator"/>, which
/// does the arithmetic, and <see cref="SetpointFrames"/>, which speaks OCPP. The fleet's layout gives the limit tree
/// (fleet → sites → transformers → connections, each member under its charger's node) and the ramp rate; a member not
/// heard from (<paramref name="heardAt"/>, else since it joined) for <see cref="FleetSettings.StaleTelemetryAfter"/> is
/// frozen at its last acknowledged setpoint and gets no frame.
/// </summary>
public static class FleetDispatchPlanner
{
    /// <param name="unresponsive">
    /// Members whose charger just refused or did not answer: they keep the setpoint they last acknowledged (frozen, counted
    /// against the target) and get no frame, so the others make up the difference.
    /// </param>
    /// <param name="heardAt">Session id → when its charger last reported metered power.</param>
    public static DispatchPlan Plan(
        FleetState state, double targetW, DateTimeOffset now, FleetSettings settings, IReadOnlySet<string>? unresponsive = null,
        IReadOnlyDictionary<string, DateTimeOffset>? heardAt = null)
    {
        var (tree, nodeIndex) = state.Layout.ToLimitTree(settings.MaxImportW, settings.MaxExportW);
        var ramp = state.Layout.RampWPerSecond is { } rate ? new RampRate(rate) : RampRate.Unlimited;
        // Ordered by session id: the same state gives the same frames in the same order.
        var members = state.Members.Values.OrderBy(m => m.Bounds.SessionId, StringComparer.Ordinal).ToArray();
        var sessions = new VehicleSession[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            var heard = heardAt is not null && heardAt.TryGetValue(m.Bounds.SessionId, out var at) ? at : m.JoinedAt ?? now;
            sessions[i] = m.Bounds.ToAllocatorSession(m.HeldSetpointW, now, frozen: unresponsive?.Contains(m.Bounds.SessionId) == true,
                nodeIndex[state.Layout.NodeOf(m.Bounds.StationId)], ramp, heard);
        }

        var policy = new DispatchPolicy(settings.DispatchInterval, settings.StaleTelemetryAfter);
        var allocation = FleetAllocator.Allocate(new DispatchRequest(
            new Watts(targetW), tree, sessions, now, policy));

        var frames = ImmutableArray.CreateBuilder<PlannedFrame>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            var setpoint = allocation.Setpoints[i];
            if (setpoint.Reason == SetpointReason.Frozen) continue;
            var m = members[i];
            var envelope = SessionEnvelope.Of(sessions[i], now, policy);
            var command = SetpointFrames.CommandFor(m.Bounds, setpoint.Setpoint.Value, envelope.HardLow, envelope.HardHigh,
                m.ProfileInstalled, now);
            frames.Add(new PlannedFrame(m.Bounds.SessionId, m.Bounds.StationId, m.Bounds.EvseId, command,
                (double)SetpointFrames.Round(setpoint.Setpoint.Value), setpoint.Reason));
        }
        return new DispatchPlan(allocation, frames.ToImmutable())
        {
            ViolatedLimits = [.. allocation.ViolatedNodes.Select(n => tree[n].Name)],
        };
    }
}
