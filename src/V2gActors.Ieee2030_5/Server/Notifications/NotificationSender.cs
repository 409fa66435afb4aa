using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Server.Notifications;

/// <summary>
/// Delivers Notifications over mutual TLS on a background loop, so changing a control never waits on a slow
/// or dead subscriber. The listener must present a certificate from the same trusted root.
/// </summary>
internal sealed class NotificationSender : IAsyncDisposable
{
    private readonly Channel<(Uri Target, Notification Notification)> _queue =
        Channel.CreateBounded<(Uri, Notification)>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly HttpClient _http;
    private readonly ILogger _log;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();
    private int _delivered;
    private int _failed;

    public NotificationSender(X509Certificate2 clientCertificate, X509Certificate2 trustedRoot, ILogger log)
    {
        _log = log;
        var policy = DevelopmentPki.TrustOnly(trustedRoot);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = CsipTls.Protocols,
                CipherSuitesPolicy = CsipTls.Policy(),
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && ChainsTo(policy, cert),
            },
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        _loop = Task.Run(RunAsync);
    }

    public int Delivered => Volatile.Read(ref _delivered);
    public int Failed => Volatile.Read(ref _failed);

    public void Enqueue(Uri target, Notification notification) => _queue.Writer.TryWrite((target, notification));

    private async Task RunAsync()
    {
        await foreach (var (target, notification) in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            try
            {
                using var content = new ByteArrayContent(SepXml.Serialize(notification));
                content.Headers.ContentType = new(SepNamespace.MediaType);
                using var response = await _http.PostAsync(target, content, _stop.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref _delivered);
                else
                {
                    Interlocked.Increment(ref _failed);
                    _log.LogWarning("notification to {Target} answered {Status}", target, (int)response.StatusCode);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _failed);
                _log.LogWarning(e, "notification to {Target} failed", target);
            }
        }
    }

    internal static bool ChainsTo(X509ChainPolicy policy, X509Certificate certificate)
    {
        using var chain = new X509Chain { ChainPolicy = policy.Clone() };
        using var cert2 = new X509Certificate2(certificate);
        return chain.Build(cert2);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync();
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _http.Dispose();
        _stop.Dispose();
    }
}
