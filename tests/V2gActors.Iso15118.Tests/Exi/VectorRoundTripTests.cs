using V2gActors.Iso15118.Exi;

namespace V2gActors.Iso15118.Tests.Exi;

/// <summary>Every published vector decodes, names the stated root element, and re-encodes to the same bytes.</summary>
public sealed class VectorRoundTripTests
{
    public static TheoryData<string> Ids => ExiVectors.Ids();

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decodes_and_re_encodes_byte_for_byte(string id)
    {
        var vector = ExiVectors.Get(id);

        var ok = ExiCodec.TryDecode(vector.Schema, vector.Exi, out var document, out var error);

        Assert.True(ok, $"{id}: {error}");
        Assert.Equal(vector.Message, document!.RootName, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(Convert.ToHexString(vector.Exi), Convert.ToHexString(ExiCodec.Encode(vector.Schema, document)));
    }
}
