using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using V2gActors.Iso15118.AppProtocol;
using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Secc;
using V2gActors.Iso15118.Tls;
using V2gActors.Iso15118.Transport;
using V2gActors.Iso15118.V2gtp;
using Ap = V2gActors.Iso15118.Exi.Generated.AppProtocol;
using Cm = V2gActors.Iso15118.Exi.Generated.CommonMessages;

namespace V2gActors.Iso15118.Tests.EndToEnd;

/// <summary>The V2GTP/TLS endpoint under bad peers: every way in ends in a clean close, never a hang.</summary>
public sealed class SeccTransportTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static async Task<V2gtpClientConnection> ConnectAsync(LoopbackSecc secc) =>
        await V2gtpClientConnection.ConnectTlsAsync(secc.Server.LocalEndPoint, secc.Pki.RootPublic, "localhost", TimeSpan.FromSeconds(10), CancellationToken.None);

    private static Ap.SupportedAppProtocolReqType DcOffer() => new()
    {
        AppProtocol = [new Ap.AppProtocolType { ProtocolNamespace = SeccAppProtocol.Iso20Dc.Namespace, VersionNumberMajor = 1, SchemaID = 1, Priority = 1 }],
    };

    [Fact]
    public async Task The_link_is_tls_1_3_and_sap_negotiates_dc()
    {
        await using var secc = LoopbackSecc.Start();
        await using var ev = await ConnectAsync(secc);

        Assert.Equal(SslProtocols.Tls13, ev.Protocol);
        var response = await ev.ExchangeAsync<Ap.SupportedAppProtocolResType>(ExiSchema.AppProtocol, DcOffer(), Limit, CancellationToken.None);
        Assert.Equal(Ap.ResponseCodeType.OK_SuccessfulNegotiation, response.ResponseCode);
        Assert.Equal((byte)1, response.SchemaID);
    }

    [Fact]
    public async Task A_tls_1_2_client_is_refused()
    {
        await using var secc = LoopbackSecc.Start();
        using var tcp = new TcpClient(secc.Server.LocalEndPoint.AddressFamily);
        await tcp.ConnectAsync(secc.Server.LocalEndPoint);
        await using var tls = new SslStream(tcp.GetStream());
        var options = V2gTls.ClientOptions(secc.Pki.RootPublic, "localhost");
        options.EnabledSslProtocols = SslProtocols.Tls12;

        await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync(options).WaitAsync(Limit));
    }

    [Fact]
    public async Task An_ev_that_does_not_trust_the_secc_root_does_not_connect()
    {
        await using var secc = LoopbackSecc.Start();
        var foreign = DevelopmentSeccPki.Create().RootPublic;

        await Assert.ThrowsAsync<V2gtpClientException>(() =>
            V2gtpClientConnection.ConnectTlsAsync(secc.Server.LocalEndPoint, foreign, "localhost", TimeSpan.FromSeconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task Bytes_that_are_not_v2gtp_end_the_session_with_a_protocol_error()
    {
        await using var secc = LoopbackSecc.Start();
        using var tcp = new TcpClient(secc.Server.LocalEndPoint.AddressFamily);
        await tcp.ConnectAsync(secc.Server.LocalEndPoint);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(V2gTls.ClientOptions(secc.Pki.RootPublic, "localhost"));

        await tls.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        var end = await (await secc.FirstSession.WaitAsync(Limit)).Completion.WaitAsync(Limit);

        Assert.Equal(SeccEndReason.ProtocolError, end.Reason);
        Assert.Equal(0, await tls.ReadAsync(new byte[16]).AsTask().WaitAsync(Limit)); // the SECC closed the connection
    }

    [Fact]
    public async Task Undecodable_exi_after_negotiation_ends_the_session_with_a_protocol_error()
    {
        await using var secc = LoopbackSecc.Start();
        using var tcp = new TcpClient(secc.Server.LocalEndPoint.AddressFamily);
        await tcp.ConnectAsync(secc.Server.LocalEndPoint);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(V2gTls.ClientOptions(secc.Pki.RootPublic, "localhost"));
        var stream = new V2gtpStream(tls);
        await stream.SendAsync(new V2gtpFrame(V2gtpPayloadType.SupportedAppProtocol, ExiCodec.Encode(ExiSchema.AppProtocol, DcOffer())), CancellationToken.None);
        Assert.NotNull((await stream.ReceiveAsync(CancellationToken.None).WaitAsync(Limit)).Frame);

        await stream.SendAsync(new V2gtpFrame(V2gtpPayloadType.CommonMessages, new byte[] { 0x80, 0xFF, 0xFF, 0xFF }), CancellationToken.None);
        var end = await (await secc.FirstSession.WaitAsync(Limit)).Completion.WaitAsync(Limit);

        Assert.Equal(SeccEndReason.ProtocolError, end.Reason);
        Assert.Equal(V2gtpReceiveFailure.Closed, (await stream.ReceiveAsync(CancellationToken.None).WaitAsync(Limit)).Failure);
    }

    [Fact]
    public async Task A_silent_ev_is_dropped_at_the_sequence_timeout()
    {
        var options = SeccOptions.Default() with { Timeouts = new SeccTimeouts(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(60)) };
        await using var secc = LoopbackSecc.Start(options);
        await using var ev = await ConnectAsync(secc);
        await ev.ExchangeAsync<Ap.SupportedAppProtocolResType>(ExiSchema.AppProtocol, DcOffer(), Limit, CancellationToken.None);
        var setup = await ev.ExchangeAsync<Cm.SessionSetupResType>(ExiSchema.CommonMessages,
            new Cm.SessionSetupReqType { Header = new Cm.MessageHeaderType { SessionID = new byte[8] }, EVCCID = "WMISILENT01" }, Limit, CancellationToken.None);
        Assert.Equal(Cm.ResponseCodeType.OK_NewSessionEstablished, setup.ResponseCode);

        var end = await (await secc.FirstSession.WaitAsync(Limit)).Completion.WaitAsync(Limit);

        Assert.Equal(SeccEndReason.SequenceTimeout, end.Reason);
        Assert.Contains(nameof(SeccState.WaitingForAuthorizationSetup), end.Detail);
        await Assert.ThrowsAsync<V2gtpClientException>(() => ev.ReceiveAsync(Limit, CancellationToken.None));
    }
}
