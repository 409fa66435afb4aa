namespace V2gActors.Ocpp.Transport;

/// <summary>Settings of the CSMS-side OCPP-J WebSocket endpoint (<c>services.AddOcppTransport(o => …)</c>).</summary>
public sealed class OcppTransportOptions
{
    /// <summary>
    /// On TLS connections, refuse stations that present no client certificate (security profile 3 only). When off, a TLS
    /// connection without a certificate is profile 2 (TLS + Basic).
    /// </summary>
    public bool RequireClientCertificateOnTls { get; set; }

    /// <summary>
    /// Security profile 1: HTTP Basic at the upgrade. Default true. Only a local demo should turn it off; then
    /// any station id that passes <see cref="Server.StationIdRule"/> may connect.
    /// </summary>
    public bool RequireBasicAuth { get; set; } = true;

    /// <summary>Subprotocols this endpoint accepts, in order of preference. Default: ocpp2.1, then ocpp2.0.1.</summary>
    public IReadOnlyList<string> Subprotocols { get; set; } = OcppSubprotocols.Supported;

    /// <summary>Largest accepted message, after reassembling fragments. Larger → close 1009 (MessageTooBig). Default 64 KiB.</summary>
    public int MaxMessageSize { get; set; } = 64 * 1024;

    /// <summary>WebSocket ping interval (OCPP's WebSocketPingInterval idea, driven from the server). Zero disables.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait for the pong to a keep-alive ping before the socket is aborted; this is what detects a charger
    /// that vanished without closing (cellular modems do). Infinite keeps pings unsolicited (no timeout).
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Frames that may wait for the writer loop per connection before SendAsync waits. Default 256.</summary>
    public int SendQueueCapacity { get; set; } = 256;

    /// <summary>A single socket write slower than this aborts the connection (the peer stopped reading). Default 30 s.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the close handshake (and waiting for an evicted connection to finish) may take. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sustained inbound messages per second per connection (0 = unlimited). A conforming station has at most one CALL
    /// outstanding and sends a few messages a minute; this stops a misbehaving one from monopolising the node by pausing
    /// its reads (back-pressure) rather than dropping frames. Default 200/s.
    /// </summary>
    public int MaxInboundMessagesPerSecond { get; set; } = 200;

    /// <summary>Inbound messages accepted back to back before <see cref="MaxInboundMessagesPerSecond"/> applies. Default 400.</summary>
    public int InboundBurst { get; set; } = 400;

    internal OcppPipeSettings ToPipeSettings() =>
        new(MaxMessageSize, SendQueueCapacity, SendTimeout, CloseTimeout, MaxInboundMessagesPerSecond, InboundBurst);
}
