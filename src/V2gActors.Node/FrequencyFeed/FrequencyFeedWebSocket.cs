using System.Buffers;
using System.Net.WebSockets;
using Akka.Actor;
using V2gActors.Engine.FrequencyFeed;

namespace V2gActors.Node.FrequencyFeed;

/// <summary>
/// The WebSocket form of the feed: each text message is one sample (the same JSON as a UDP datagram). Senders that
/// need a reliable, ordered stream (through a firewall, over TLS termination) use it; it is read-only for them: the
/// node never writes except to close.
/// </summary>
public static class FrequencyFeedWebSocket
{
    public static async Task ServeAsync(HttpContext context, FrequencyFeedService service)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("frequency feed: WebSocket upgrade expected\n").ConfigureAwait(false);
            return;
        }
        var feed = await service.Feed.ConfigureAwait(false);
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var remote = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        var buffer = ArrayPool<byte>.Shared.Rent(FrequencySampleAuthenticator.MaxMessageBytes + 1);
        var stopping = context.RequestAborted;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    // A message longer than a sample is read to its end and refused as a whole.
                    var room = buffer.AsMemory(Math.Min(length, FrequencySampleAuthenticator.MaxMessageBytes));
                    result = await socket.ReceiveAsync(room, stopping).ConfigureAwait(false);
                    length += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                    break;
                }
                var receivedAt = DateTimeOffset.UtcNow;
                if (length > FrequencySampleAuthenticator.MaxMessageBytes)
                    feed.Tell(new FrequencySampleRefused("websocket", remote, $"message of {length} bytes; at most {FrequencySampleAuthenticator.MaxMessageBytes}"));
                else
                    service.Deliver(feed, buffer.AsSpan(0, length), receivedAt, "websocket", remote);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The sender went away; nothing to answer.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
