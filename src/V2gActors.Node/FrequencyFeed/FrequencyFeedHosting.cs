using V2gActors.Node.Hosting;

namespace V2gActors.Node.FrequencyFeed;

/// <summary>
/// Wires the frequency feed into the node (section <c>V2g:FrequencyFeed</c>, off by default): the feed actor and UDP
/// listener (<see cref="FrequencyFeedService"/>) and the WebSocket listener on its own Kestrel address.
/// </summary>
public static class FrequencyFeedHosting
{
    /// <summary>Call after the engine is added (the feed starts once the actor system runs).</summary>
    public static WebApplicationBuilder AddV2gFrequencyFeed(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(FrequencyFeedOptions.SectionName);
        var options = section.Get<FrequencyFeedOptions>() ?? new FrequencyFeedOptions();
        builder.Services.Configure<FrequencyFeedOptions>(section);
        if (options.Enabled && string.IsNullOrEmpty(options.Key) && !OnlyLoopback(options))
            throw new InvalidOperationException(
                "V2g:FrequencyFeed:Key is required when the frequency feed listens beyond loopback: a forged frequency moves every fleet.");
        builder.Services.AddSingleton<FrequencyFeedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FrequencyFeedService>());
        if (options.Enabled && options.WebSocketUrl is { Length: > 0 } url)
            builder.Services.AddSingleton(new FrequencyFeedListener(DedicatedListener.Add(builder, url), options.Path));
        return builder;
    }

    public static WebApplication MapV2gFrequencyFeed(this WebApplication app)
    {
        if (app.Services.GetService<FrequencyFeedListener>() is not { } feed) return app;
        var service = app.Services.GetRequiredService<FrequencyFeedService>();
        app.Map(feed.Path, (HttpContext context) => feed.Listener.Owns(context)
            ? FrequencyFeedWebSocket.ServeAsync(context, service)
            : NotFound(context));
        return app;
    }

    private static bool OnlyLoopback(FrequencyFeedOptions options)
    {
        var udpLoopback = options.Udp is not { Length: > 0 } udp
                          || (System.Net.IPEndPoint.TryParse(udp, out var endpoint) && System.Net.IPAddress.IsLoopback(endpoint.Address));
        var webSocketLoopback = options.WebSocketUrl is not { Length: > 0 } url
                                || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback);
        return udpLoopback && webSocketLoopback;
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}

/// <summary>The feed's WebSocket listener; <see cref="Uri"/> is its <c>ws://</c> address once the node started.</summary>
public sealed record FrequencyFeedListener(DedicatedListener Listener, string Path)
{
    public Uri Uri => new UriBuilder(Listener.BoundUrl) { Scheme = Listener.Url.Scheme == "https" ? "wss" : "ws", Path = Path }.Uri;
}
