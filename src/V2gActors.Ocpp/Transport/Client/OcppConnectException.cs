using System.Net;

namespace V2gActors.Ocpp.Transport.Client;

/// <summary>
/// The CSMS refused or failed the WebSocket upgrade. <see cref="StatusCode"/> tells why when the server answered over
/// HTTP: 401 bad credentials, 400 no common subprotocol or a bad station id, 404 wrong path.
/// </summary>
public sealed class OcppConnectException(string message, HttpStatusCode? statusCode, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}
