using System.Collections;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// A fixed-length list stored in chunks that each stay below the large-object-heap threshold (85,000 bytes). The
/// setpoints of a 10,000-session dispatch as one array (240 KB) went to the LOH on every dispatch, and the LOH budget
/// then triggered a gen-2 collection every few dispatches; in chunks they die young like the rest of the call.
/// </summary>
public sealed class ChunkedList<T> : IReadOnlyList<T>
{
    private const int Shift = 11; // 2,048 items per chunk: 48 KB for a 24-byte struct
    private const int ChunkLength = 1 << Shift;
    private const int Mask = ChunkLength - 1;
    private readonly T[][] _chunks;

    public ChunkedList(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        _chunks = new T[(count + Mask) >> Shift][];
        for (var c = 0; c < _chunks.Length; c++) _chunks[c] = new T[Math.Min(ChunkLength, count - (c << Shift))];
    }

    public int Count { get; }

    public T this[int index]
    {
        get => _chunks[Checked(index) >> Shift][index & Mask];
        set => _chunks[Checked(index) >> Shift][index & Mask] = value;
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in _chunks)
            foreach (var item in chunk)
                yield return item;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Checked(int index) => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index));
}
