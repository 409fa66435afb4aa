namespace V2gActors.Ocpp.Transport;

/// <summary>Per-connection limits shared by the server and client transports.</summary>
/// <param name="MaxMessageSize">Largest accepted text message in bytes, across all its fragments; larger → close 1009.</param>
/// <param name="SendQueueCapacity">Frames waiting for the writer loop; a full queue makes SendAsync wait (back-pressure
/// on the producer instead of unbounded memory for a slow peer).</param>
/// <param name="SendTimeout">A single socket write taking longer than this means the peer stopped reading: abort.</param>
/// <param name="CloseTimeout">How long to wait for the peer's close handshake before aborting the socket.</param>
/// <param name="MaxInboundMessagesPerSecond">Sustained inbound message rate; above it the read loop pauses, so TCP flow
/// control slows the peer down (back-pressure, nothing dropped, no unbounded buffering). 0 = unlimited.</param>
/// <param name="InboundBurst">Messages that may arrive back to back before the rate applies.</param>
internal sealed record OcppPipeSettings(int MaxMessageSize, int SendQueueCapacity, TimeSpan SendTimeout, TimeSpan CloseTimeout,
    int MaxInboundMessagesPerSecond = 0, int InboundBurst = 0);
