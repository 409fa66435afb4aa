namespace V2gActors.Ieee2030_5.Server.Http;

/// <summary>A request the server refuses with a given HTTP status and 2030.5 reason code.</summary>
public sealed class SepRequestException(int statusCode, ushort reasonCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public ushort ReasonCode { get; } = reasonCode;
}
