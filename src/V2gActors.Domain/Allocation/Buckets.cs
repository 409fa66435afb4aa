namespace V2gActors.Domain.Allocation;

/// <summary>
/// Indices grouped by an integer key into contiguous ranges: a counting sort, O(items + buckets), stable, so
/// groups keep the caller's order and the allocator stays deterministic.
/// </summary>
internal sealed class Buckets
{
    private readonly int[] _start;
    private readonly int[] _items;

    /// <param name="bucketCount">Keys range over 0..bucketCount-1.</param>
    /// <param name="keys">The bucket of each item, or -1 to leave the item out.</param>
    public Buckets(int bucketCount, ReadOnlySpan<int> keys)
    {
        _start = new int[bucketCount + 1];
        var kept = 0;
        foreach (var key in keys)
        {
            if (key < 0) continue;
            _start[key + 1]++;
            kept++;
        }
        for (var b = 0; b < bucketCount; b++) _start[b + 1] += _start[b];
        _items = new int[kept];
        var fill = _start.AsSpan(0, bucketCount).ToArray();
        for (var i = 0; i < keys.Length; i++)
            if (keys[i] >= 0) _items[fill[keys[i]]++] = i;
    }

    public ReadOnlySpan<int> this[int bucket] => _items.AsSpan(_start[bucket], _start[bucket + 1] - _start[bucket]);
}
