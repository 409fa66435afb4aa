namespace V2gActors.Iso15118.Exi.Streams;

/// <summary>
/// The value partitions of the EXI string table (EXI 1.0 §7.3.3) as a decoder must keep them: every string
/// value sent as a miss is appended to the global partition and to the local partition of the element or
/// attribute it belongs to, so later hits can refer back to it by index. Empty strings are not added.
/// Only the decoder keeps this; the encoder always sends misses, as the deployed V2G codecs do.
/// </summary>
public sealed class ExiStringTable
{
    private readonly List<string> _global = [];
    private readonly Dictionary<int, List<string>> _local = new();

    public int GlobalCount => _global.Count;

    public int LocalCount(int partition) => _local.TryGetValue(partition, out var list) ? list.Count : 0;

    public string Global(int index) => _global[index];

    public string Local(int partition, int index) => _local[partition][index];

    public void Add(int partition, string value)
    {
        if (value.Length == 0) return;
        _global.Add(value);
        if (partition < 0) return;
        if (!_local.TryGetValue(partition, out var list)) _local[partition] = list = [];
        list.Add(value);
    }
}
