using System.Collections.Concurrent;
using V2gActors.Iso15118.Secc;

namespace V2gActors.Node.Iso15118;

/// <summary>
/// One EV connected to this node's SECC: its vehicle-session id, the context the charge loop answers from, and when the
/// last fleet setpoint reached it (Stopwatch timestamp; status, demo and tests read it).
/// </summary>
public sealed class SeccLiveSession(string sessionId, SeccSessionContext context)
{
    private readonly Lock _gate = new();
    private long _appliedAt;
    private double _appliedW;
    private string? _dispatchId;

    public string SessionId { get; } = sessionId;
    public SeccSessionContext Context { get; } = context;

    public (double SetpointW, string? DispatchId, long AppliedAt) LastSetpoint
    {
        get { lock (_gate) return (_appliedW, _dispatchId, _appliedAt); }
    }

    public SeccSessionEnd? End { get; private set; }

    internal void SetpointApplied(double setpointW, string? dispatchId, long at)
    {
        lock (_gate) (_appliedW, _dispatchId, _appliedAt) = (setpointW, dispatchId, at);
    }

    internal void Ended(SeccSessionEnd end) => End = end;
}

/// <summary>
/// The node's SECC as others see it once it listens: where (V2GTP/TLS and SDP), the root an EV must trust, and the EVs
/// connected now. Registered in DI; <see cref="Listening"/> completes when the SECC is up.
/// </summary>
public sealed class SeccEndpoint
{
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, SeccLiveSession> _sessions = new(StringComparer.Ordinal);

    public System.Net.IPEndPoint? Tls { get; private set; }
    public System.Net.IPEndPoint? Sdp { get; private set; }
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedRoot { get; private set; }
    public SeccBinding? Binding { get; private set; }

    public Task Listening => _listening.Task;

    /// <summary>Sessions seen since start (ended ones stay, with <see cref="SeccLiveSession.End"/> set).</summary>
    public IReadOnlyCollection<SeccLiveSession> Sessions => _sessions.Values.ToArray();

    public int Active => _sessions.Values.Count(s => s.End is null);

    internal void Started(System.Net.IPEndPoint tls, System.Net.IPEndPoint? sdp,
        System.Security.Cryptography.X509Certificates.X509Certificate2 root, SeccBinding binding)
    {
        (Tls, Sdp, TrustedRoot, Binding) = (tls, sdp, root, binding);
        _listening.TrySetResult();
    }

    internal void Add(SeccLiveSession session)
    {
        _sessions[session.SessionId] = session;
        // Keep the table bounded on a long-running node: forget sessions that ended a while ago.
        if (_sessions.Count > 1_000)
            foreach (var ended in _sessions.Values.Where(s => s.End is not null).Take(_sessions.Count - 1_000))
                _sessions.TryRemove(ended.SessionId, out _);
    }
}
