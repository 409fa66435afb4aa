namespace V2gActors.Ocpp.Transport.Server;

/// <summary>Picks the OCPP edition from the client's Sec-WebSocket-Protocol offer.</summary>
public static class SubprotocolNegotiation
{
    /// <summary>
    /// Returns the first of <paramref name="preference"/> (server order, e.g. ocpp2.1 before ocpp2.0.1) that the client
    /// offered, or null. Server preference rather than client order: RFC 6455 leaves the choice to the server, and
    /// preferring 2.1 gives this CSMS its richer V2X features whenever the charger can speak them. Tokens compare
    /// ordinally, as RFC 6455 subprotocol names are case-sensitive.
    /// </summary>
    public static string? Choose(IReadOnlyList<string> offered, IReadOnlyList<string> preference, out OcppVersion version)
    {
        for (var p = 0; p < preference.Count; p++)
        {
            for (var o = 0; o < offered.Count; o++)
            {
                if (string.Equals(offered[o], preference[p], StringComparison.Ordinal) &&
                    OcppSubprotocols.TryParse(preference[p], out version))
                    return preference[p];
            }
        }
        version = default;
        return null;
    }
}
