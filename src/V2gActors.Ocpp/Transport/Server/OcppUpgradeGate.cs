using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace V2gActors.Ocpp.Transport.Server;

/// <summary>
/// Checks an upgrade request in the order that leaks least: a well-formed station id, a WebSocket upgrade, valid
/// credentials (before telling an unauthenticated caller anything about protocols), then a common subprotocol.
/// </summary>
internal sealed class OcppUpgradeGate(IOptions<OcppTransportOptions> options, IServiceProvider services)
{
    public async ValueTask<UpgradeDecision> EvaluateAsync(HttpContext context, string? stationId)
    {
        if (!StationIdRule.IsValid(stationId, out var problem))
            return new UpgradeDecision.Refuse(StatusCodes.Status400BadRequest, problem);

        if (!context.WebSockets.IsWebSocketRequest)
            return new UpgradeDecision.Refuse(StatusCodes.Status400BadRequest, "this endpoint only accepts a WebSocket upgrade");

        var settings = options.Value;
        var certificate = context.Connection.ClientCertificate;
        if (certificate is not null)
        {
            // Profile 3: the TLS client certificate is the credential; it must name this station.
            var certificates = services.GetService(typeof(IOcppClientCertificateValidator)) as IOcppClientCertificateValidator;
            var refusal = certificates is null
                ? "client certificates are not accepted by this CSMS"
                : certificates.Validate(stationId!, certificate);
            if (refusal is not null)
                return new UpgradeDecision.Refuse(StatusCodes.Status403Forbidden, $"client certificate refused: {refusal}");
        }
        else if (settings.RequireClientCertificateOnTls && context.Request.IsHttps)
        {
            return new UpgradeDecision.Refuse(StatusCodes.Status403Forbidden,
                "this endpoint requires a client certificate (security profile 3)");
        }

        if (settings.RequireBasicAuth && certificate is null)
        {
            if (!BasicCredentials.TryParse(context.Request.Headers.Authorization, out var credentials))
                return new UpgradeDecision.Refuse(StatusCodes.Status401Unauthorized, "HTTP Basic credentials required", Challenge: true);
            if (!string.Equals(credentials.Username, stationId, StringComparison.Ordinal))
                return new UpgradeDecision.Refuse(StatusCodes.Status401Unauthorized, "username must equal the station id", Challenge: true);
            // Resolved per request, not injected, so a dev host with RequireBasicAuth=false needs no validator at all.
            var validator = services.GetService(typeof(IOcppCredentialValidator)) as IOcppCredentialValidator
                ?? throw new InvalidOperationException(
                    $"{nameof(OcppTransportOptions.RequireBasicAuth)} is on but no {nameof(IOcppCredentialValidator)} is registered.");
            if (!await validator.ValidateAsync(stationId!, credentials.Password, context.RequestAborted).ConfigureAwait(false))
                return new UpgradeDecision.Refuse(StatusCodes.Status401Unauthorized, "invalid credentials", Challenge: true);
        }

        var offered = context.WebSockets.WebSocketRequestedProtocols;
        var chosen = SubprotocolNegotiation.Choose(offered as IReadOnlyList<string> ?? offered.ToArray(), settings.Subprotocols, out var version);
        if (chosen is null)
        {
            var reason = offered.Count == 0
                ? $"no Sec-WebSocket-Protocol offered; this CSMS speaks {string.Join(", ", settings.Subprotocols)}"
                : $"none of the offered subprotocols ({string.Join(", ", offered)}) is supported; this CSMS speaks {string.Join(", ", settings.Subprotocols)}";
            return new UpgradeDecision.Refuse(StatusCodes.Status400BadRequest, reason);
        }
        return new UpgradeDecision.Accept(stationId!, chosen, version);
    }
}
