using Microsoft.AspNetCore.Http;
using V2gActors.Ieee2030_5.Security;

namespace V2gActors.Ieee2030_5.Server.Http;

/// <summary>The identity of the TLS client making the request, derived from its certificate.</summary>
public static class CallerIdentity
{
    private const string ItemKey = "sep.caller";

    public static DeviceIdentity Of(HttpContext context) =>
        context.Items[ItemKey] as DeviceIdentity
        ?? throw new SepRequestException(StatusCodes.Status403Forbidden, ErrorReason.InvalidRequestValues, "no client certificate");

    /// <summary>Kestrel has already verified the chain; this only computes and stashes the LFDI once per request.</summary>
    public static async Task Attach(HttpContext context, Func<Task> next)
    {
        var certificate = context.Connection.ClientCertificate ?? await context.Connection.GetClientCertificateAsync();
        if (certificate is null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        context.Items[ItemKey] = DeviceIdentity.Of(certificate);
        await next();
    }
}
