using V2gActors.Ocpp.Transport.Client;
using V2gActors.Ocpp.Transport.Server;

namespace V2gActors.Ocpp.Tests.Transport;

public class HandshakeRulesTests
{
    [Theory]
    [InlineData("CS1", true)]
    [InlineData("a", true)]
    [InlineData("EVB-P1234567#2_x.y@z", true)]
    [InlineData("012345678901234567890123456789012345678901234567", true)] // 48
    [InlineData("0123456789012345678901234567890123456789012345678", false)] // 49
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("CS:1", false)]
    [InlineData("CS 1", false)]
    [InlineData("CS\t1", false)]
    [InlineData("été", false)]
    public void Station_id_rule(string? id, bool valid) => Assert.Equal(valid, StationIdRule.IsValid(id, out _));

    [Fact]
    public void Basic_credentials_round_trip_and_split_at_the_first_colon()
    {
        var header = new BasicCredentials("CS1", "p:w:d").ToHeaderValue();
        Assert.True(BasicCredentials.TryParse(header, out var parsed));
        Assert.Equal(("CS1", "p:w:d"), (parsed.Username, parsed.Password));
        Assert.DoesNotContain("p:w:d", parsed.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Bearer Q1MxOnB3")]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic Q1Mx")] // "CS1" without a colon
    [InlineData("Basic /w==")] // invalid UTF-8
    public void Malformed_authorization_headers_are_rejected(string? header) =>
        Assert.False(BasicCredentials.TryParse(header, out _));

    [Fact]
    public void Basic_scheme_is_case_insensitive() =>
        Assert.True(BasicCredentials.TryParse("basic " + Convert.ToBase64String("CS1:pw"u8.ToArray()), out _));

    [Theory]
    [InlineData("ocpp2.0.1,ocpp2.1", "ocpp2.1", "V21")]
    [InlineData("ocpp2.1", "ocpp2.1", "V21")]
    [InlineData("ocpp1.6,ocpp2.0.1", "ocpp2.0.1", "V201")]
    public void Negotiation_prefers_the_server_order(string offeredList, string chosen, string version)
    {
        var offered = offeredList.Split(',');
        Assert.Equal(chosen, SubprotocolNegotiation.Choose(offered, OcppSubprotocols.Supported, out var v));
        Assert.Equal(version, v.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ocpp1.6")]
    [InlineData("OCPP2.1")]
    public void Negotiation_fails_without_a_common_subprotocol(string offeredList) =>
        Assert.Null(SubprotocolNegotiation.Choose(
            offeredList.Split(',', StringSplitOptions.RemoveEmptyEntries), OcppSubprotocols.Supported, out _));

    [Theory]
    [InlineData("http://127.0.0.1:9000/ocpp", "CS1", "ws://127.0.0.1:9000/ocpp/CS1")]
    [InlineData("ws://127.0.0.1:9000/ocpp/", "CS1", "ws://127.0.0.1:9000/ocpp/CS1")]
    [InlineData("https://csms.example/ocpp", "CS#1", "wss://csms.example/ocpp/CS%231")]
    public void Station_uri(string csmsBase, string stationId, string expected) =>
        Assert.Equal(expected, OcppClientConnection.StationUri(new Uri(csmsBase), stationId).AbsoluteUri);
}
