using System.Net;
using V2gActors.Iso15118.Sdp;
using V2gActors.Iso15118.Secc;
using V2gActors.Iso15118.Tls;
using V2gActors.Iso15118.Transport;

namespace V2gActors.Iso15118.Tests.EndToEnd;

/// <summary>An SECC on loopback: V2GTP over TLS 1.3 on a free port, SDP announcing it, and the sessions it started.</summary>
internal sealed class LoopbackSecc : IAsyncDisposable
{
    private readonly List<SeccSessionContext> _sessions = [];
    private readonly TaskCompletionSource<SeccSessionContext> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackSecc(SeccOptions options, SeccSetpoint initial)
    {
        Pki = DevelopmentSeccPki.Create(options.EvseId);
        var loopback = SdpClient.LoopbackAddress();
        Server = V2gtpTlsServer.Start(new V2gtpServerOptions(new IPEndPoint(loopback, 0), Pki.SeccCertificate, options), _ =>
        {
            var context = new SeccSessionContext(Bounds, initial);
            lock (_sessions) _sessions.Add(context);
            _first.TrySetResult(context);
            return context;
        });
        Sdp = SdpServer.Start(new IPEndPoint(loopback, 0), Server.LocalEndPoint);
    }

    public static LoopbackSecc Start(SeccOptions? options = null, SeccSetpoint? initial = null) =>
        new(options ?? SeccOptions.Default() with { CableCheckDuration = TimeSpan.FromMilliseconds(100) }, initial ?? SeccSetpoint.Idle);

    public DevelopmentSeccPki Pki { get; }
    public V2gtpTlsServer Server { get; }
    public SdpServer Sdp { get; }
    public V2gActors.Iso15118.Tests.Secc.RecordingBoundsSink Bounds { get; } = new();

    public Task<SeccSessionContext> FirstSession => _first.Task;

    public async ValueTask DisposeAsync()
    {
        await Sdp.DisposeAsync();
        await Server.DisposeAsync();
    }
}
