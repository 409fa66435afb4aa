using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Text;
using V2gActors.Ieee2030_5.Client;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Tests.Xml;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Tests.Client;

public class NotificationListenerTests
{
    [Fact]
    public async Task Accepts_a_notification_from_a_trusted_server_and_refuses_garbage_with_an_error()
    {
        using var pki = DevelopmentPki.Create();
        var received = new List<Notification>();
        await using var listener = await NotificationListener.StartAsync(pki.IssueDevice("aggregator"), pki.Root,
            n => { lock (received) received.Add(n); return Task.CompletedTask; });
        using var server = HttpFor(pki.IssueServer());

        using var ok = await server.PostAsync(listener.NotificationUri, Body(SepXml.Serialize(SepSamples.Notification())));
        using var bad = await server.PostAsync(listener.NotificationUri, Body("<Notification xmlns=\"urn:ieee:std:2030.5:ns\"><oops"u8.ToArray()));

        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.IsType<DERControlList>(Assert.Single(received).Resource);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Empty(SepSchema.Validate(await bad.Content.ReadAsByteArrayAsync()));
        Assert.Equal("127.0.0.1", listener.NotificationUri.Host);
    }

    [Fact]
    public async Task Refuses_a_sender_without_a_trusted_certificate()
    {
        using var pki = DevelopmentPki.Create();
        using var foreign = DevelopmentPki.Create("foreign");
        await using var listener = await NotificationListener.StartAsync(pki.IssueDevice("aggregator"), pki.Root, _ => Task.CompletedTask);
        using var stranger = HttpFor(foreign.IssueServer());

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            stranger.PostAsync(listener.NotificationUri, Body(SepXml.Serialize(SepSamples.Notification()))));
    }

    private static ByteArrayContent Body(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(SepNamespace.MediaType);
        return content;
    }

    private static HttpClient HttpFor(System.Security.Cryptography.X509Certificates.X509Certificate2 cert) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            // A raw client still has to speak the CSIP suite the 2030.5 endpoints pin.
            EnabledSslProtocols = CsipTls.Protocols, CipherSuitesPolicy = CsipTls.Policy(),
            ClientCertificates = [cert],
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        },
    });
}
