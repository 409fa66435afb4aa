using V2gActors.Domain.Units;

namespace V2gActors.Domain.Allocation;

/// <summary>
/// One physical or contractual limit in the site tree: the site connection, a transformer, a feeder, a charger's
/// grid connection. The sum of everything beneath it must stay within [-<see cref="MaxExport"/>, <see cref="MaxImport"/>].
/// </summary>
/// <param name="Name">For logs and operators.</param>
/// <param name="Parent">Index of the parent node, or -1 for the root. Parents come before children.</param>
/// <param name="MaxImport">Largest allowed net import (≥ 0).</param>
/// <param name="MaxExport">Largest allowed net export as a magnitude (≥ 0).</param>
public sealed record LimitNode(string Name, int Parent, Watts MaxImport, Watts MaxExport);
