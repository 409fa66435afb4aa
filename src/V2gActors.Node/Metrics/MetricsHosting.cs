using Microsoft.Extensions.Options;
using V2gActors.Node.Hosting;

namespace V2gActors.Node.Metrics;

/// <summary>Wires <c>GET /metrics</c> (Prometheus text format, read-only) on its own listener (section <c>V2g:Metrics</c>).</summary>
public static class MetricsHosting
{
    public static WebApplicationBuilder AddV2gMetrics(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(MetricsOptions.SectionName);
        var options = section.Get<MetricsOptions>() ?? new MetricsOptions();
        builder.Services.Configure<MetricsOptions>(section);
        if (!options.Enabled) return builder;
        builder.Services.AddSingleton(new MetricsListener(DedicatedListener.Add(builder, options.Url)));
        builder.Services.AddSingleton<PrometheusExporter>();
        return builder;
    }

    public static WebApplication MapV2gMetrics(this WebApplication app)
    {
        if (app.Services.GetService<MetricsListener>() is not { } metrics) return app;
        var path = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Path;
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        app.MapGet(path, async (HttpContext context) =>
        {
            if (!metrics.Listener.Owns(context))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await exporter.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        return app;
    }
}

/// <summary>The metrics listener; <see cref="Uri"/> is the scrape address once the node started.</summary>
public sealed record MetricsListener(DedicatedListener Listener)
{
    public Uri Uri(string path = "/metrics") => new UriBuilder(Listener.BoundUrl) { Path = path }.Uri;
}
