using V2gActors.Iso15118.V2gtp;

namespace V2gActors.Iso15118.Transport;

/// <summary>The outcome of waiting for one frame: a frame, or why there will be none.</summary>
public sealed record V2gtpReceive(V2gtpFrame? Frame, V2gtpReceiveFailure? Failure)
{
    public static V2gtpReceive Of(V2gtpFrame frame) => new(frame, null);
    public static V2gtpReceive Failed(V2gtpReceiveFailure failure) => new(null, failure);
}

public enum V2gtpReceiveFailure
{
    /// <summary>The peer closed the stream (cleanly, between or inside a frame).</summary>
    Closed,
    /// <summary>The bytes are not V2GTP (wrong version bytes): the stream cannot be resynchronised.</summary>
    InvalidHeader,
    /// <summary>The announced payload is larger than the limit: refused before buffering it.</summary>
    PayloadTooLarge,
}

/// <summary>
/// Frames over any byte stream (here an SslStream): buffers partial reads, hands out whole frames, skips frames of
/// unknown payload types as V2GTP prescribes, and grows its buffer only to the size a valid header announced.
/// Not thread-safe: one reader and one writer at a time, as a request/response protocol implies.
/// </summary>
public sealed class V2gtpStream(Stream stream, uint maxPayloadLength = V2gtpFrameReader.DefaultMaxPayloadLength)
{
    private readonly V2gtpFrameReader _reader = new(maxPayloadLength);
    private byte[] _buffer = new byte[4096];
    private int _count;

    public async Task<V2gtpReceive> ReceiveAsync(CancellationToken ct)
    {
        while (true)
        {
            var status = _reader.TryRead(_buffer.AsSpan(0, _count), out var frame, out var consumed);
            switch (status)
            {
                case V2gtpReadStatus.Frame:
                    Consume(consumed);
                    return V2gtpReceive.Of(frame!);
                case V2gtpReadStatus.UnknownPayloadType:
                    Consume(consumed);
                    continue;
                case V2gtpReadStatus.InvalidHeader:
                    return V2gtpReceive.Failed(V2gtpReceiveFailure.InvalidHeader);
                case V2gtpReadStatus.PayloadTooLarge:
                    return V2gtpReceive.Failed(V2gtpReceiveFailure.PayloadTooLarge);
            }
            EnsureRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_count), ct);
            if (read == 0) return V2gtpReceive.Failed(V2gtpReceiveFailure.Closed);
            _count += read;
        }
    }

    public async Task SendAsync(V2gtpFrame frame, CancellationToken ct)
    {
        await stream.WriteAsync(frame.ToBytes(), ct);
        await stream.FlushAsync(ct);
    }

    private void EnsureRoom()
    {
        // The header has been judged acceptable by the reader before we get here with >= 8 bytes, so its length is bounded.
        var needed = _count >= V2gtpHeader.Length
            ? V2gtpHeader.Length + (int)V2gtpHeader.Read(_buffer).PayloadLength
            : V2gtpHeader.Length;
        if (needed > _buffer.Length) Array.Resize(ref _buffer, needed);
        else if (_count == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
    }

    private void Consume(int consumed)
    {
        _buffer.AsSpan(consumed, _count - consumed).CopyTo(_buffer);
        _count -= consumed;
    }
}
