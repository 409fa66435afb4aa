using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Server.Http;

/// <summary>
/// Turns every failure into the protocol's own answer (HTTP status + 2030.5 Error body), so no exception reaches
/// Kestrel and a client always gets something it can parse.
/// </summary>
public sealed class SepErrorBoundary(ILogger<SepErrorBoundary> log)
{
    public async Task Invoke(HttpContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (SepXmlException e)
        {
            var status = e.Failure == SepXmlFailure.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            await Answer(context, status, ErrorReason.InvalidRequestFormat, e.Message);
        }
        catch (SepRequestException e)
        {
            await Answer(context, e.StatusCode, e.ReasonCode, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            await Answer(context, e.StatusCode, ErrorReason.InvalidRequestFormat, e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client went away; nothing to answer
        }
        catch (Exception e)
        {
            log.LogError(e, "unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            await Answer(context, StatusCodes.Status500InternalServerError, ErrorReason.InvalidRequestValues, "internal error");
        }
    }

    private async Task Answer(HttpContext context, int status, ushort reason, string why)
    {
        log.LogDebug("refusing {Method} {Path}: {Status} {Why}", context.Request.Method, context.Request.Path, status, why);
        if (context.Response.HasStarted) return;
        context.Response.Clear();
        await SepResults.Error(status, reason).ExecuteAsync(context);
    }
}
