namespace V2gActors.Node.Metrics;

/// <summary>Section <c>V2g:Metrics</c>: the read-only Prometheus endpoint on its own Kestrel listener.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "V2g:Metrics";

    public bool Enabled { get; set; } = true;

    /// <summary>Loopback by default: scrape it locally or through a reverse proxy you control.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";

    public string Path { get; set; } = "/metrics";
}
