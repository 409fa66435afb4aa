using System.Xml;

namespace V2gActors.Tools.ExiGen.Emit;

/// <summary>
/// Numbers element/attribute names for the string table's local value partitions (one partition per
/// qualified name, EXI 1.0 §7.3.3). Numbers follow first use while emitting, which is deterministic.
/// </summary>
public sealed class StringPartitions
{
    private readonly Dictionary<XmlQualifiedName, int> _ids = new();

    public int Of(XmlQualifiedName name)
    {
        if (!_ids.TryGetValue(name, out var id)) _ids[name] = id = _ids.Count;
        return id;
    }
}
