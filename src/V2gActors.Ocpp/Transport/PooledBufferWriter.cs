using System.Buffers;

namespace V2gActors.Ocpp.Transport;

/// <summary>An encoded frame waiting in a send queue; its buffer goes back to the pool once written.</summary>
internal readonly record struct OutboundMessage(byte[] Buffer, int Length)
{
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void Return()
    {
        if (Buffer.Length > 0) ArrayPool<byte>.Shared.Return(Buffer);
    }
}

/// <summary>
/// <see cref="IBufferWriter{T}"/> over <see cref="ArrayPool{T}.Shared"/>. Frames are encoded on the sender's thread
/// into a pooled array which the writer loop returns after the socket write, so steady-state sending does not
/// allocate byte arrays (<see cref="ArrayBufferWriter{T}"/> would allocate one per frame).
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 512) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Hands the pooled buffer over to the send queue; this writer is empty afterwards.</summary>
    public OutboundMessage Detach()
    {
        var message = new OutboundMessage(_buffer, _written);
        _buffer = [];
        _written = 0;
        return message;
    }

    public void Dispose() => Detach().Return();

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 1;
        if (_buffer.Length - _written >= sizeHint) return;
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
