using System.Net;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>A non-success answer from a 2030.5 server, with its Error body when it sent one.</summary>
public sealed class SepHttpException(HttpStatusCode status, Error? error, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public Error? Error { get; } = error;
}
