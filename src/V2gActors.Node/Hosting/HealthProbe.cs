namespace V2gActors.Node.Hosting;

/// <summary>
/// <c>--health-probe</c>: asks a running node on this machine for <c>/health</c> and exits 0 when it answers. The
/// container image has no curl, so the Dockerfile's HEALTHCHECK runs the node binary in this mode.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        var url = (configuration["V2g:Ocpp:Urls"] ?? "http://127.0.0.1:9000").Split(';')[0]
            .Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("+", "127.0.0.1", StringComparison.Ordinal).Replace("*", "127.0.0.1", StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(url), "/health")).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"health probe failed: {ex.Message}");
            return 1;
        }
    }
}
