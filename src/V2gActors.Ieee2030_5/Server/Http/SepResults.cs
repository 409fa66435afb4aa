using Microsoft.AspNetCore.Http;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Server.Http;

/// <summary>Writes a resource as application/sep+xml, optionally with a Location (for 201 Created).</summary>
public sealed class SepXmlResult(object resource, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var body = SepXml.Serialize(resource, resource.GetType());
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = SepNamespace.MediaType;
        if (location is not null) response.Headers.Location = location;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}

/// <summary>Shorthands for the answers a 2030.5 server gives.</summary>
public static class SepResults
{
    public static IResult Ok(object resource) => new SepXmlResult(resource);

    public static IResult Created(string location) => new LocationOnly(StatusCodes.Status201Created, location);

    public static IResult NoContent(string? location = null) => new LocationOnly(StatusCodes.Status204NoContent, location);

    public static IResult Error(int statusCode, ushort reasonCode, ushort? maxRetryDuration = null) =>
        new SepXmlResult(new Error { ReasonCode = reasonCode, MaxRetryDuration = maxRetryDuration }, statusCode);

    public static IResult BadRequest(ushort reasonCode = ErrorReason.InvalidRequestFormat) =>
        Error(StatusCodes.Status400BadRequest, reasonCode);

    public static IResult NotFound() => Results.StatusCode(StatusCodes.Status404NotFound);

    public static IResult Forbidden() => Results.StatusCode(StatusCodes.Status403Forbidden);

    private sealed class LocationOnly(int statusCode, string? location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            if (location is not null) httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
