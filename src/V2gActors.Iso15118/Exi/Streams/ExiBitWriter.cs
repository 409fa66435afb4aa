namespace V2gActors.Iso15118.Exi.Streams;

/// <summary>
/// Writes an EXI body in bit-packed alignment (EXI 1.0 §7.1, MSB first). Value checks (lengths, ranges)
/// raise <see cref="ExiEncodeException"/>: encoding an out-of-schema message is a caller bug, not input.
/// </summary>
public sealed class ExiBitWriter
{
    private readonly List<byte> _bytes = new(64);
    private int _current;
    private int _bitsInCurrent;

    public void WriteBits(uint value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            _current = (_current << 1) | (int)((value >> i) & 1);
            if (++_bitsInCurrent == 8) Flush();
        }
    }

    private void Flush()
    {
        _bytes.Add((byte)_current);
        _current = 0;
        _bitsInCurrent = 0;
    }

    public void WriteBoolean(bool value) => WriteBits(value ? 1u : 0u, 1);

    public void WriteUnsignedInteger(ulong value)
    {
        do
        {
            var group = (uint)(value & 0x7F);
            value >>= 7;
            WriteBits(value != 0 ? group | 0x80 : group, 8);
        } while (value != 0);
    }

    public void WriteSignedInteger(long value)
    {
        var negative = value < 0;
        WriteBoolean(negative);
        WriteUnsignedInteger(negative ? (ulong)(-(value + 1)) : (ulong)value);
    }

    public void WriteUnsignedInteger(ulong value, ulong min, ulong max)
    {
        if (value < min || value > max) throw new ExiEncodeException($"value {value} outside [{min}, {max}]");
        WriteUnsignedInteger(value);
    }

    public void WriteSignedInteger(long value, long min, long max)
    {
        if (value < min || value > max) throw new ExiEncodeException($"value {value} outside [{min}, {max}]");
        WriteSignedInteger(value);
    }

    public void WriteBoundedInteger(long value, long min, long max, int bits)
    {
        if (value < min || value > max) throw new ExiEncodeException($"value {value} outside [{min}, {max}]");
        WriteBits((uint)(value - min), bits);
    }

    public void WriteEnumeration(int index, int bits, int count)
    {
        if (index < 0 || index >= count) throw new ExiEncodeException($"enumeration index {index} out of range");
        WriteBits((uint)index, bits);
    }

    public void WriteBinary(byte[] value, int maxLength)
    {
        if (value.Length > maxLength) throw new ExiEncodeException($"binary length {value.Length} exceeds {maxLength}");
        WriteUnsignedInteger((ulong)value.Length);
        foreach (var b in value) WriteBits(b, 8);
    }

    /// <summary>Always a string-table miss (length+2), as the deployed V2G codecs do.</summary>
    public void WriteString(string value, int maxLength)
    {
        var codePoints = new List<int>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value, i) && i + 1 < value.Length && char.IsLowSurrogate(value, i + 1))
            {
                codePoints.Add(char.ConvertToUtf32(value[i], value[i + 1]));
                i++;
            }
            else if (char.IsSurrogate(value, i)) throw new ExiEncodeException("unpaired surrogate in string");
            else codePoints.Add(value[i]);
        }
        if (codePoints.Count > maxLength) throw new ExiEncodeException($"string length {codePoints.Count} exceeds {maxLength}");
        WriteUnsignedInteger((ulong)codePoints.Count + 2);
        foreach (var cp in codePoints) WriteUnsignedInteger((ulong)cp);
    }

    public void WriteHeader() => WriteBits(0x80, 8);

    /// <summary>Pads the last byte with zero bits (EXI streams end on a byte boundary).</summary>
    public byte[] ToArray()
    {
        var result = new List<byte>(_bytes);
        if (_bitsInCurrent > 0) result.Add((byte)(_current << (8 - _bitsInCurrent)));
        return result.ToArray();
    }
}
