using System.Collections.Immutable;
using V2gActors.Domain.Allocation;
using V2gActors.Domain.Units;

namespace V2gActors.Engine.Fleets;

/// <summary>One frame to send: the member, its allocated setpoint and the ready OCPP payload.</summary>
public sealed record PlannedFrame(
    string SessionId,
    string StationId,
    int EvseId,
    string Action,
    string PayloadJson,
    double SetpointW,
    SetpointReason Reason);

/// <summary>An allocation of one target over the fleet and the frames that carry it.</summary>
public sealed record DispatchPlan(FleetAllocation Allocation, ImmutableArray<PlannedFrame> Frames)
{
    public double AllocatedW => Allocation.Achieved.Value;
}

/// <summary>
/// Turns (fleet state, target) into an allocation and its frames. Pure: it wraps <see cref="FleetAllocator"/>, which
/// does the arithmetic, and <see cref="SetpointFrames"/>, which speaks OCPP.
/// </summary>
public static class FleetDispatchPlanner
{
    /// <param name="unresponsive">
    /// Members whose charger just refused or did not answer: they keep the setpoint they last acknowledged (frozen, counted
    /// against the target) and get no frame, so the others make up the difference.
    /// </param>
    public static DispatchPlan Plan(
        FleetState state, double targetW, DateTimeOffset now, FleetSettings settings, IReadOnlySet<string>? unresponsive = null)
    {
        // Ordered by session id: the same state gives the same frames in the same order.
        var members = state.Members.Values.OrderBy(m => m.Bounds.SessionId, StringComparer.Ordinal).ToArray();
        var sessions = new VehicleSession[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var m = members[i];
            sessions[i] = m.Bounds.ToAllocatorSession(m.HeldSetpointW, now, frozen: unresponsive?.Contains(m.Bounds.SessionId) == true);
        }

        var policy = new DispatchPolicy(settings.DispatchInterval, settings.StaleTelemetryAfter);
        var allocation = FleetAllocator.Allocate(new DispatchRequest(
            new Watts(targetW), LimitTree.SingleSite(new Watts(settings.MaxImportW), new Watts(settings.MaxExportW)), sessions, now, policy));

        var frames = ImmutableArray.CreateBuilder<PlannedFrame>(members.Length);
        for (var i = 0; i < members.Length; i++)
        {
            var setpoint = allocation.Setpoints[i];
            if (setpoint.Reason == SetpointReason.Frozen) continue;
            var m = members[i];
            var envelope = SessionEnvelope.Of(sessions[i], now, policy);
            var (action, payload) = SetpointFrames.For(m.Bounds, setpoint.Setpoint.Value, envelope.HardLow, envelope.HardHigh,
                m.ProfileInstalled, now);
            frames.Add(new PlannedFrame(m.Bounds.SessionId, m.Bounds.StationId, m.Bounds.EvseId, action, payload,
                (double)SetpointFrames.Round(setpoint.Setpoint.Value), setpoint.Reason));
        }
        return new DispatchPlan(allocation, frames.ToImmutable());
    }
}
