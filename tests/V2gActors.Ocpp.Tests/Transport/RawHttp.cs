using System.Net.Sockets;
using System.Text;

namespace V2gActors.Ocpp.Tests.Transport;

/// <summary>
/// Sends a hand-written WebSocket upgrade request over a plain TCP socket, to observe the exact HTTP answer
/// (status, WWW-Authenticate) that ClientWebSocket hides behind an exception.
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, string Head, string Body);

    public static async Task<Response> UpgradeAsync(Uri httpBase, string path, string? subprotocols, string? authorization)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(httpBase.Host, httpBase.Port);
        var stream = client.GetStream();
        var request = new StringBuilder()
            .Append($"GET {path} HTTP/1.1\r\nHost: {httpBase.Authority}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n")
            .Append("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        if (subprotocols is not null) request.Append($"Sec-WebSocket-Protocol: {subprotocols}\r\n");
        if (authorization is not null) request.Append($"Authorization: {authorization}\r\n");
        request.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()));

        using var cts = new CancellationTokenSource(10_000);
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cts.Token);
            if (read == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var all = text.ToString();
            var headEnd = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd < 0) continue;
            var head = all[..headEnd];
            if (head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)) return new Response(101, head, "");
            var length = ContentLength(head);
            if (length is null || all.Length - headEnd - 4 >= length) return new Response(int.Parse(head[9..12]), head, all[(headEnd + 4)..]);
        }
        var final = text.ToString();
        return new Response(int.Parse(final[9..12]), final, "");
    }

    private static int? ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) return int.Parse(line[15..].Trim());
        return null;
    }
}
