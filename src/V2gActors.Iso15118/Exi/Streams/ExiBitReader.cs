using System.Text;

namespace V2gActors.Iso15118.Exi.Streams;

/// <summary>
/// Reads an EXI body in bit-packed alignment (EXI 1.0 §7.1, MSB first). The reader never throws on bad
/// input: the first problem is recorded in <see cref="Error"/> and every later read returns zero, so
/// generated decoders can run straight-line and check once. Every loop here is bounded by the remaining
/// input or an explicit cap, which is what keeps hostile input from hanging a session.
/// </summary>
public sealed class ExiBitReader
{
    /// <summary>No V2G string or binary value comes near this; it bounds allocation on hostile lengths.</summary>
    public const int MaxValueLength = 1 << 16;

    private readonly byte[] _data;
    private long _bitPosition;

    public ExiBitReader(ReadOnlySpan<byte> data) => _data = data.ToArray();

    /// <summary>The first decode problem, or null while the stream is well-formed so far.</summary>
    public string? Error { get; private set; }

    public bool Failed => Error is not null;

    public long BitPosition => _bitPosition;

    private long BitsLeft => (long)_data.Length * 8 - _bitPosition;

    /// <summary>Records the first error only; later ones are consequences of it.</summary>
    public void Fail(string message)
    {
        Error ??= $"{message} (at bit {_bitPosition})";
    }

    public uint ReadBits(int count)
    {
        if (count is < 0 or > 32) { Fail($"invalid bit count {count}"); return 0; }
        if (Failed) return 0;
        if (count > BitsLeft) { Fail("unexpected end of EXI stream"); return 0; }
        uint value = 0;
        for (var i = 0; i < count; i++)
        {
            var b = _data[_bitPosition >> 3];
            var bit = (b >> (7 - (int)(_bitPosition & 7))) & 1;
            value = (value << 1) | (uint)bit;
            _bitPosition++;
        }
        return value;
    }

    public bool ReadBoolean() => ReadBits(1) == 1;

    /// <summary>EXI unsigned integer (§7.1.6): 7-bit groups, least significant first, high bit = more.</summary>
    public ulong ReadUnsignedInteger()
    {
        ulong value = 0;
        // 10 groups carry 70 bits; more than that cannot be a 64-bit value.
        for (var shift = 0; shift < 70; shift += 7)
        {
            var group = ReadBits(8);
            if (Failed) return 0;
            var payload = (ulong)(group & 0x7F);
            if (shift == 63 && payload > 1) { Fail("unsigned integer exceeds 64 bits"); return 0; }
            value |= payload << shift;
            if ((group & 0x80) == 0) return value;
        }
        Fail("unsigned integer exceeds 64 bits");
        return 0;
    }

    /// <summary>EXI integer (§7.1.5): sign bit, then magnitude; negative values store -(v+1).</summary>
    public long ReadSignedInteger()
    {
        var negative = ReadBoolean();
        var magnitude = ReadUnsignedInteger();
        if (Failed) return 0;
        if (magnitude > long.MaxValue) { Fail("integer exceeds 64 bits"); return 0; }
        return negative ? -(long)magnitude - 1 : (long)magnitude;
    }

    /// <summary>Unsigned integer checked against the schema's value space (e.g. xs:unsignedInt).</summary>
    public ulong ReadUnsignedInteger(ulong min, ulong max)
    {
        var value = ReadUnsignedInteger();
        if (!Failed && (value < min || value > max)) Fail($"integer {value} outside [{min}, {max}]");
        return Failed ? min : value;
    }

    public long ReadSignedInteger(long min, long max)
    {
        var value = ReadSignedInteger();
        if (!Failed && (value < min || value > max)) Fail($"integer {value} outside [{min}, {max}]");
        return Failed ? min : value;
    }

    /// <summary>An integer with bounded range ≤ 4096 is sent as an n-bit offset from its minimum (§7.1.5).</summary>
    public long ReadBoundedInteger(long min, long max, int bits)
    {
        var value = min + ReadBits(bits);
        if (!Failed && value > max) Fail($"bounded integer {value} above maximum {max}");
        return value;
    }

    public int ReadEnumeration(int bits, int count)
    {
        var index = (int)ReadBits(bits);
        if (!Failed && index >= count) Fail($"enumeration index {index} out of range (count {count})");
        return index;
    }

    /// <summary>Binary (§7.1.1): unsigned length, then raw bytes.</summary>
    public byte[] ReadBinary(int maxLength)
    {
        var length = ReadUnsignedInteger();
        if (Failed) return [];
        if (length > (ulong)Math.Min(maxLength, MaxValueLength)) { Fail($"binary length {length} exceeds {maxLength}"); return []; }
        if ((long)length * 8 > BitsLeft) { Fail("binary value runs past end of stream"); return []; }
        var bytes = new byte[length];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)ReadBits(8);
        return bytes;
    }

    /// <summary>
    /// String value (§7.3.3). The prefix is 0 for a hit in the local value partition of
    /// <paramref name="localPartition"/> (the element/attribute name), 1 for a hit in the global partition,
    /// otherwise length+2 followed by code points (a miss, which then joins both partitions). Encoders in
    /// the V2G field send misses only; hits from general-purpose EXI encoders are resolved here.
    /// <paramref name="localPartition"/> is -1 where this codec cannot name the partition: a local hit there
    /// is reported as unsupported.
    /// </summary>
    public string ReadString(int maxLength, int localPartition)
    {
        var prefix = ReadUnsignedInteger();
        if (Failed) return "";
        switch (prefix)
        {
            case 0:
            {
                if (localPartition < 0) { Fail("local string table hit where the partition is not tracked"); return ""; }
                var count = Strings.LocalCount(localPartition);
                var index = (int)ReadBits(Grammar.ExiGrammar.CodeWidth(count));
                if (Failed) return "";
                if (index >= count) { Fail($"local string table hit {index} of {count} entries"); return ""; }
                var value = Strings.Local(localPartition, index);
                if (value.Length > maxLength) { Fail($"string length {value.Length} exceeds {maxLength}"); return ""; }
                return value;
            }
            case 1:
            {
                var count = Strings.GlobalCount;
                var index = (int)ReadBits(Grammar.ExiGrammar.CodeWidth(count));
                if (Failed) return "";
                if (index >= count) { Fail($"global string table hit {index} of {count} entries"); return ""; }
                var value = Strings.Global(index);
                if (value.Length > maxLength) { Fail($"string length {value.Length} exceeds {maxLength}"); return ""; }
                return value;
            }
        }
        var length = prefix - 2;
        if (length > (ulong)Math.Min(maxLength, MaxValueLength)) { Fail($"string length {length} exceeds {maxLength}"); return ""; }
        if ((long)length * 8 > BitsLeft) { Fail("string value runs past end of stream"); return ""; }
        var builder = new StringBuilder((int)length);
        for (ulong i = 0; i < length && !Failed; i++)
        {
            var codePoint = ReadUnsignedInteger();
            if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF) { Fail($"invalid code point {codePoint}"); return ""; }
            builder.Append(char.ConvertFromUtf32((int)codePoint));
        }
        if (Failed) return "";
        var text = builder.ToString();
        Strings.Add(localPartition, text);
        return text;
    }

    /// <summary>The value partitions filled by the strings read so far in this document.</summary>
    public ExiStringTable Strings { get; } = new();

    /// <summary>EXI header (§5): distinguishing bits 10, no options, version 1 → the single byte 0x80.</summary>
    public void ReadHeader()
    {
        var header = ReadBits(8);
        if (!Failed && header != 0x80) Fail($"unsupported EXI header 0x{header:X2} (expected 0x80)");
    }
}
