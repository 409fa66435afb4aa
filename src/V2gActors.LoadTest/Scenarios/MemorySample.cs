namespace V2gActors.LoadTest.Scenarios;

/// <summary>
/// Memory at one moment: this process's managed heap (after a full blocking GC, so only live objects count) and
/// resident set, plus the node's resident set when the node is another process.
/// </summary>
public sealed record MemorySample(long ManagedBytes, long ProcessResidentBytes, long? NodeResidentBytes)
{
    public static MemorySample Take(int? nodeProcessId)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        var self = ResidentBytes(Environment.ProcessId) ?? Environment.WorkingSet;
        var node = nodeProcessId is { } pid && pid != Environment.ProcessId ? ResidentBytes(pid) : null;
        return new MemorySample(managed, self, node);
    }

    /// <summary>VmRSS from /proc/{pid}/status (Linux); null elsewhere or when the process is gone.</summary>
    public static long? ResidentBytes(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
