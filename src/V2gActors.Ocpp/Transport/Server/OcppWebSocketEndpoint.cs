using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace V2gActors.Ocpp.Transport.Server;

/// <summary>
/// Handles one request to the OCPP route: upgrade, register (evicting an older socket of the same station), run the
/// connection and report its lifecycle to the <see cref="IOcppConnectionHandler"/>.
/// </summary>
internal sealed class OcppWebSocketEndpoint(
    OcppUpgradeGate gate,
    OcppConnectionRegistry registry,
    IOcppConnectionHandler handler,
    IOptions<OcppTransportOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<OcppWebSocketEndpoint> logger)
{
    public const string StationIdRouteValue = "stationId";

    private const string EvictionReason = "evicted by newer connection";

    public async Task HandleAsync(HttpContext context)
    {
        var stationId = context.Request.RouteValues[StationIdRouteValue] as string;
        var decision = await gate.EvaluateAsync(context, stationId).ConfigureAwait(false);
        if (decision is UpgradeDecision.Refuse refuse)
        {
            OcppTransportLog.Refused(logger, stationId ?? "(none)", refuse.StatusCode, refuse.Reason);
            context.Response.StatusCode = refuse.StatusCode;
            if (refuse.Challenge) context.Response.Headers.WWWAuthenticate = "Basic realm=\"OCPP\", charset=\"UTF-8\"";
            context.Response.ContentType = "text/plain; charset=utf-8";
            var body = System.Text.Encoding.UTF8.GetBytes(refuse.Reason);
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var accept = (UpgradeDecision.Accept)decision;
        var settings = options.Value;
        var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = accept.Subprotocol,
            KeepAliveInterval = settings.KeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
            // OCPP-J does not use permessage-deflate; compressed sockets also cost memory per connection.
            DangerousEnableCompression = false,
        }).ConfigureAwait(false);

        var remote = context.Connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, context.Connection.RemotePort) : null;
        var connection = new OcppServerConnection(accept.StationId, accept.Version, remote, socket, settings.ToPipeSettings(), logger);
        using (socket)
        {
            await RunAsync(connection, settings, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(OcppServerConnection connection, OcppTransportOptions settings, CancellationToken aborted)
    {
        var reason = "closed";
        // On shutdown, say goodbye with 1001 so chargers reconnect (to another node) at once instead of waiting for
        // Kestrel to abort the upgraded request when its shutdown timeout runs out.
        using var stopping = lifetime.ApplicationStopping.Register(static state =>
            ((OcppServerConnection)state!).CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"), connection);
        try
        {
            if (registry.Register(connection) is OcppServerConnection evicted)
            {
                // The handler sees Closed(old) before Opened(new), so an entity never has two live sockets in mind.
                OcppTransportLog.Evicting(logger, connection.StationId, evicted.ConnectionId, connection.ConnectionId);
                await evicted.CloseAsync(WebSocketCloseStatus.NormalClosure, EvictionReason).ConfigureAwait(false);
                try
                {
                    await evicted.Finished.WaitAsync(settings.CloseTimeout * 2, CancellationToken.None).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Bounded on purpose: a stuck old socket must not keep the station offline. Its own close
                    // timeout aborts it; the handler still gets its OnClosedAsync, just after this OnOpenedAsync.
                }
            }

            OcppTransportLog.Connected(logger, connection.StationId, connection.Version.ToSubprotocol(), connection.ConnectionId,
                connection.RemoteEndPoint?.ToString());
            await handler.OnOpenedAsync(connection).ConfigureAwait(false);
            reason = await connection.RunAsync(handler, aborted).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Only OnOpenedAsync can get here (RunAsync does not throw for socket trouble). Close rather than keep a
            // socket the application never learned about.
            OcppTransportLog.HandlerFailed(logger, ex, connection.StationId, "(open)");
            reason = $"handler failed on open: {ex.Message}";
            await connection.CloseAsync(WebSocketCloseStatus.InternalServerError, "internal error").ConfigureAwait(false);
            await connection.DrainAsync(aborted).ConfigureAwait(false);
        }
        finally
        {
            registry.Unregister(connection);
            OcppTransportLog.Closed(logger, connection.StationId, connection.ConnectionId, reason);
            try
            {
                await handler.OnClosedAsync(connection, reason).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                OcppTransportLog.HandlerFailed(logger, ex, connection.StationId, "(close)");
            }
            connection.MarkFinished();
        }
    }
}
