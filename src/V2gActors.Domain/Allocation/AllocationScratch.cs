using System.Buffers;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// The working set of one <see cref="FleetAllocator.Allocate"/>: per-session envelopes and the knot buffers of every
/// response curve, rented from the shared array pools and all returned when the allocation is done (no curve outlives
/// it). At 10,000 sessions these arrays are large-object-heap sized, and allocating them fresh each dispatch is what
/// made a quarter of the dispatches pay for a gen-2 collection. Rented arrays may be longer than asked and hold stale
/// values: callers use the length they asked for and write before they read.
/// </summary>
internal sealed class AllocationScratch : IDisposable
{
    private readonly List<double[]> _doubles = [];
    private readonly List<SessionEnvelope[]> _envelopes = [];

    /// <summary>A buffer of at least <paramref name="length"/> doubles; null scratch allocates plainly (tests, one-off curves).</summary>
    public static double[] Doubles(AllocationScratch? scratch, int length) =>
        scratch is null ? new double[length] : scratch.Rent(scratch._doubles, length);

    public SessionEnvelope[] Envelopes(int length) => Rent(_envelopes, length);

    public void Dispose()
    {
        foreach (var a in _doubles) ArrayPool<double>.Shared.Return(a);
        foreach (var a in _envelopes) ArrayPool<SessionEnvelope>.Shared.Return(a);
        _doubles.Clear();
        _envelopes.Clear();
    }

    private T[] Rent<T>(List<T[]> rented, int length)
    {
        var array = ArrayPool<T>.Shared.Rent(Math.Max(1, length));
        rented.Add(array);
        return array;
    }
}
