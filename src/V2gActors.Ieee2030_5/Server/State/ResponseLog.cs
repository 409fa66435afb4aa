using System.Collections.Concurrent;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>A Response as the head-end received it, with who sent it.</summary>
public sealed record ReceivedResponse(int Id, string CallerLfdi, Response Response, long ReceivedAt);

/// <summary>Every Response posted to the one ResponseSet, in arrival order.</summary>
public sealed class ResponseLog
{
    private readonly ConcurrentQueue<ReceivedResponse> _received = new();
    private int _nextId;

    public ReceivedResponse Add(string callerLfdi, Response response, long now)
    {
        var entry = new ReceivedResponse(Interlocked.Increment(ref _nextId), callerLfdi, response, now);
        response.Href = $"/rsps/1/rsp/{entry.Id}";
        _received.Enqueue(entry);
        return entry;
    }

    public IReadOnlyList<ReceivedResponse> All => _received.ToArray();

    /// <summary>The statuses reported for one event, in the order they arrived.</summary>
    public IReadOnlyList<byte> StatusesFor(byte[] subjectMrid) =>
        All.Where(r => r.Response.Subject is not null && r.Response.Subject.AsSpan().SequenceEqual(subjectMrid))
            .Select(r => r.Response.Status ?? 0)
            .ToList();
}
