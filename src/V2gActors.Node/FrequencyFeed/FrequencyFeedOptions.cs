namespace V2gActors.Node.FrequencyFeed;

/// <summary>Section <c>V2g:FrequencyFeed</c> (docs/frequency-feed.md). Off unless <see cref="Enabled"/>.</summary>
public sealed class FrequencyFeedOptions
{
    public const string SectionName = "V2g:FrequencyFeed";

    public bool Enabled { get; set; }

    /// <summary><c>host:port</c> of the UDP listener (one sample per datagram); empty: no UDP listener.</summary>
    public string Udp { get; set; } = "127.0.0.1:9310";

    /// <summary>Kestrel listener of the WebSocket feed (one sample per text message); empty: no WebSocket listener.</summary>
    public string WebSocketUrl { get; set; } = "http://127.0.0.1:9311";

    public string Path { get; set; } = "/frequency";

    public double MinHz { get; set; } = 40;

    public double MaxHz { get; set; } = 70;

    /// <summary>Samples whose <c>ts</c> is older than this on arrival are dropped; 0 disables the check.</summary>
    public int MaxAgeMilliseconds { get; set; } = 2000;

    /// <summary>
    /// Shared key: when set, every sample must carry its HMAC-SHA256 seal (docs/frequency-feed.md). Required as soon as a
    /// listener is bound beyond loopback, because a forged frequency moves every fleet's power.
    /// </summary>
    public string Key { get; set; } = "";
}
