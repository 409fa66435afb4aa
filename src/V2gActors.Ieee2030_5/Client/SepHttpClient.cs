using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>
/// Typed GET/POST/PUT/DELETE of sep+xml resources over mutual TLS. The server must chain to the trusted root;
/// hrefs are resolved against the server base address.
/// </summary>
public sealed class SepHttpClient : IDisposable
{
    private static readonly MediaTypeHeaderValue SepMediaType = new(SepNamespace.MediaType);
    private readonly HttpClient _http;

    public SepHttpClient(Uri baseAddress, X509Certificate2 clientCertificate, X509Certificate2 trustedRoot)
    {
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
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(SepNamespace.MediaType));
    }

    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>GET a resource; for lists, <paramref name="limit"/> asks for up to that many entries (2030.5 defaults to 1).</summary>
    public async Task<T> GetAsync<T>(string href, uint? limit = null, CancellationToken ct = default) where T : class
    {
        var target = limit is null ? href : $"{href}{(href.Contains('?') ? '&' : '?')}s=0&l={limit}";
        using var response = await _http.GetAsync(target, ct).ConfigureAwait(false);
        await EnsureSuccess(response, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return SepXml.Deserialize<T>(body);
    }

    /// <summary>POST a resource; returns the Location the server assigned (null when it gave none).</summary>
    public Task<string?> PostAsync<T>(string href, T resource, CancellationToken ct = default) where T : class =>
        SendAsync(HttpMethod.Post, href, resource, ct);

    public Task<string?> PutAsync<T>(string href, T resource, CancellationToken ct = default) where T : class =>
        SendAsync(HttpMethod.Put, href, resource, ct);

    public async Task DeleteAsync(string href, CancellationToken ct = default)
    {
        using var response = await _http.DeleteAsync(href, ct).ConfigureAwait(false);
        await EnsureSuccess(response, ct).ConfigureAwait(false);
    }

    private async Task<string?> SendAsync<T>(HttpMethod method, string href, T resource, CancellationToken ct) where T : class
    {
        using var request = new HttpRequestMessage(method, href) { Content = new ByteArrayContent(SepXml.Serialize(resource)) };
        request.Content.Headers.ContentType = SepMediaType;
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        await EnsureSuccess(response, ct).ConfigureAwait(false);
        return response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString)
            : null;
    }

    private static async Task EnsureSuccess(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        Error? error = null;
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (body.Length > 0)
        {
            try { error = SepXml.Deserialize<Error>(body); }
            catch (SepXmlException) { /* a non-2030.5 error body; the status alone has to do */ }
        }
        throw new SepHttpException(response.StatusCode, error,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}" +
            (error is null ? "" : $" (reasonCode {error.ReasonCode})"));
    }

    internal static bool ChainsTo(X509ChainPolicy policy, X509Certificate certificate)
    {
        using var chain = new X509Chain { ChainPolicy = policy.Clone() };
        using var cert2 = new X509Certificate2(certificate);
        return chain.Build(cert2);
    }

    public void Dispose() => _http.Dispose();
}
