using V2gActors.Domain.Allocation;

namespace V2gActors.Domain.Tests.Allocation;

public sealed class ChunkedListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2_048)]
    [InlineData(2_049)]
    [InlineData(10_000)]
    public void Holds_every_item_in_order_across_chunk_boundaries(int count)
    {
        var list = new ChunkedList<int>(count);
        for (var i = 0; i < count; i++) list[i] = i * 3;

        Assert.Equal(count, list.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 3), list);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[count]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }
}
