namespace V2gActors.Ocpp.Transport.Server;

/// <summary>Outcome of checking an OCPP upgrade request, before any WebSocket is accepted.</summary>
internal abstract record UpgradeDecision
{
    private UpgradeDecision() { }

    /// <summary>Accept with <paramref name="Subprotocol"/> (the token echoed in Sec-WebSocket-Protocol).</summary>
    public sealed record Accept(string StationId, string Subprotocol, OcppVersion Version) : UpgradeDecision;

    /// <summary>Answer with an HTTP status and a plain-text reason; <paramref name="Challenge"/> adds WWW-Authenticate.</summary>
    public sealed record Refuse(int StatusCode, string Reason, bool Challenge = false) : UpgradeDecision;
}
