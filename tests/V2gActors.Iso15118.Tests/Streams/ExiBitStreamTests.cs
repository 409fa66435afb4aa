using V2gActors.Iso15118.Exi;
using V2gActors.Iso15118.Exi.Streams;

namespace V2gActors.Iso15118.Tests.Streams;

/// <summary>EXI 1.0 §7.1 primitives in bit-packed alignment, checked against hand-computed bit patterns.</summary>
public sealed class ExiBitStreamTests
{
    private static string Hex(Action<ExiBitWriter> write)
    {
        var w = new ExiBitWriter();
        write(w);
        return Convert.ToHexString(w.ToArray());
    }

    [Theory]
    [InlineData(0ul, "00")]
    [InlineData(1ul, "01")]
    [InlineData(127ul, "7F")]
    [InlineData(128ul, "8001")]            // 7-bit groups, least significant first, MSB = continue
    [InlineData(300ul, "AC02")]
    [InlineData(1725456328ul, "C8BFE1B606")]
    [InlineData(ulong.MaxValue, "FFFFFFFFFFFFFFFFFF01")]
    public void Unsigned_integers_are_7_bit_groups(ulong value, string hex)
    {
        Assert.Equal(hex, Hex(w => w.WriteUnsignedInteger(value)));
        var r = new ExiBitReader(Convert.FromHexString(hex));
        Assert.Equal(value, r.ReadUnsignedInteger());
        Assert.False(r.Failed);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1L)]
    [InlineData(-32768L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Signed_integers_round_trip(long value)
    {
        var w = new ExiBitWriter();
        w.WriteSignedInteger(value);
        var r = new ExiBitReader(w.ToArray());
        Assert.Equal(value, r.ReadSignedInteger());
        Assert.False(r.Failed);
    }

    [Fact]
    public void Negative_integers_carry_the_sign_bit_and_magnitude_minus_one()
    {
        // -1 → sign 1, magnitude 0 → bits 1 0000000 0 → padded "80 00"
        Assert.Equal("8000", Hex(w => w.WriteSignedInteger(-1)));
    }

    [Fact]
    public void Bits_are_packed_msb_first_and_padded_with_zeros()
    {
        Assert.Equal("A0", Hex(w => { w.WriteBits(1, 1); w.WriteBits(1, 2); }));
        Assert.Equal("80FF80", Hex(w => { w.WriteHeader(); w.WriteBits(0x1FF, 9); }));
    }

    [Fact]
    public void Bounded_integers_are_n_bit_offsets_from_the_minimum()
    {
        // xs:byte -128..127 in 8 bits: -2 → 126
        Assert.Equal("7E", Hex(w => w.WriteBoundedInteger(-2, -128, 127, 8)));
        var r = new ExiBitReader([0x7E]);
        Assert.Equal(-2, r.ReadBoundedInteger(-128, 127, 8));
        Assert.Throws<ExiEncodeException>(() => new ExiBitWriter().WriteBoundedInteger(21, 1, 20, 5));
        var high = new ExiBitReader([0xF8]); // 11111 = 31 + 1 > 20
        high.ReadBoundedInteger(1, 20, 5);
        Assert.True(high.Failed);
    }

    [Fact]
    public void Strings_are_length_plus_two_then_code_points()
    {
        Assert.Equal("05455552", Hex(w => w.WriteString("EUR", 3)));
        var r = new ExiBitReader(Convert.FromHexString("05455552"));
        Assert.Equal("EUR", r.ReadString(3, 0));
        Assert.False(r.Failed);
    }

    [Fact]
    public void String_table_hits_resolve_to_earlier_misses()
    {
        // "EUR" and "USD" are misses in partition 7; then a local hit with 2 entries (1-bit index 1 → "USD"),
        // then a global hit among 3 entries ("EUR", "USD", "X" from partition 8; 2-bit index 2 → "X").
        var w = new ExiBitWriter();
        w.WriteString("EUR", 3);
        w.WriteString("USD", 3);
        w.WriteString("X", 3);
        w.WriteUnsignedInteger(0); w.WriteBits(1, 1);
        w.WriteUnsignedInteger(1); w.WriteBits(2, 2);
        var r = new ExiBitReader(w.ToArray());

        Assert.Equal("EUR", r.ReadString(3, 7));
        Assert.Equal("USD", r.ReadString(3, 7));
        Assert.Equal("X", r.ReadString(3, 8));
        Assert.Equal("USD", r.ReadString(3, 7));
        Assert.Equal("X", r.ReadString(3, 9));
        Assert.False(r.Failed, r.Error);
    }

    [Fact]
    public void Empty_strings_do_not_enter_the_table()
    {
        var w = new ExiBitWriter();
        w.WriteString("", 3);
        w.WriteUnsignedInteger(1); // global hit into an empty table
        var r = new ExiBitReader(w.ToArray());
        Assert.Equal("", r.ReadString(3, 0));
        r.ReadString(3, 0);
        Assert.Contains("global string table hit", r.Error);
    }

    [Theory]
    [InlineData(0, "local")]
    [InlineData(-1, "not tracked")]
    public void Hits_without_entries_or_partition_are_errors(int partition, string message)
    {
        var r = new ExiBitReader([0x00, 0x00]);
        r.ReadString(10, partition);
        Assert.Contains(message, r.Error);
    }

    [Fact]
    public void Lengths_beyond_the_facet_or_the_input_fail_without_allocating()
    {
        var tooLong = new ExiBitReader(Convert.FromHexString("0A41424344454647"));
        tooLong.ReadString(3, 0);
        Assert.True(tooLong.Failed);

        var huge = new ExiBitReader(Convert.FromHexString("FFFFFFFF0F"));
        Assert.Empty(huge.ReadBinary(int.MaxValue));
        Assert.True(huge.Failed);
    }

    [Fact]
    public void Binary_is_length_then_bytes()
    {
        Assert.Equal("03010203", Hex(w => w.WriteBinary([1, 2, 3], 8)));
        Assert.Equal(new byte[] { 1, 2, 3 }, new ExiBitReader(Convert.FromHexString("03010203")).ReadBinary(8));
    }

    [Fact]
    public void Reading_past_the_end_fails_once_and_then_returns_zeros()
    {
        var r = new ExiBitReader([0xFF]);
        Assert.Equal(0xFFu, r.ReadBits(8));
        Assert.Equal(0u, r.ReadBits(1));
        Assert.True(r.Failed);
        var first = r.Error;
        r.ReadUnsignedInteger();
        Assert.Equal(first, r.Error);
    }

    [Fact]
    public void Unterminated_unsigned_integers_stop_at_64_bits()
    {
        var r = new ExiBitReader(Enumerable.Repeat((byte)0xFF, 20).ToArray());
        r.ReadUnsignedInteger();
        Assert.Contains("64 bits", r.Error);
    }

    [Fact]
    public void The_header_must_be_0x80()
    {
        var bad = new ExiBitReader([0xA0]);
        bad.ReadHeader();
        Assert.True(bad.Failed);
        var good = new ExiBitReader([0x80]);
        good.ReadHeader();
        Assert.False(good.Failed);
    }
}
