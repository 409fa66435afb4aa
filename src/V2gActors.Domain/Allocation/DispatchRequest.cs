using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>One dispatch: split <paramref name="Target"/> (import positive) across <paramref name="Sessions"/>.</summary>
public sealed record DispatchRequest(
    Watts Target,
    LimitTree Limits,
    IReadOnlyList<VehicleSession> Sessions,
    DateTimeOffset Now,
    DispatchPolicy Policy);
