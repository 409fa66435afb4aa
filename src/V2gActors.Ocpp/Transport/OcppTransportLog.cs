using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace V2gActors.Ocpp.Transport;

/// <summary>Source-generated log messages: no boxing or formatting unless the level is enabled.</summary>
internal static partial class OcppTransportLog
{
    [LoggerMessage(1, LogLevel.Information, "OCPP {StationId}: connected ({Subprotocol}, connection {ConnectionId}, from {Remote})")]
    public static partial void Connected(ILogger logger, string stationId, string subprotocol, string connectionId, string? remote);

    [LoggerMessage(2, LogLevel.Information, "OCPP {StationId}: closed (connection {ConnectionId}): {Reason}")]
    public static partial void Closed(ILogger logger, string stationId, string connectionId, string reason);

    [LoggerMessage(3, LogLevel.Warning, "OCPP {StationId}: upgrade refused with {Status}: {Reason}")]
    public static partial void Refused(ILogger logger, string stationId, int status, string reason);

    [LoggerMessage(4, LogLevel.Warning, "OCPP {StationId}: malformed frame (type {MessageTypeId}, id {MessageId}): {Code} {Description}; answered: {Answered}")]
    public static partial void Malformed(ILogger logger, string stationId, int? messageTypeId, string? messageId, OcppErrorCode code, string description, bool answered);

    [LoggerMessage(5, LogLevel.Error, "OCPP {StationId}: handler failed on frame {MessageId}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string stationId, string messageId);

    [LoggerMessage(6, LogLevel.Warning, "OCPP {StationId}: closing with {Status}: {Reason}")]
    public static partial void ClosingWith(ILogger logger, string stationId, WebSocketCloseStatus status, string reason);

    [LoggerMessage(7, LogLevel.Debug, "OCPP {StationId}: dropped outbound frame {MessageId}, connection is closed")]
    public static partial void DroppedAfterClose(ILogger logger, string stationId, string messageId);

    [LoggerMessage(8, LogLevel.Debug, "OCPP {StationId}: socket write failed")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string stationId);

    [LoggerMessage(9, LogLevel.Warning, "OCPP {StationId}: evicting connection {OldConnectionId} for newer connection {NewConnectionId}")]
    public static partial void Evicting(ILogger logger, string stationId, string oldConnectionId, string newConnectionId);

    [LoggerMessage(10, LogLevel.Debug, "OCPP {StationId}: ignoring {Type} {MessageId} that answers no outstanding call")]
    public static partial void UnmatchedResponse(ILogger logger, string stationId, Rpc.OcppMessageType type, string messageId);
}
