using System.Text;
using System.Text.Json.Nodes;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Ocpp.Tests.Messages;

/// <summary>
/// For every message of both editions: minimal and maximal samples built from the official schema pass our
/// generated validator, decode into the 2.1 model, and re-encode to JSON that the official schema (checked by
/// NJsonSchema, not by our code) accepts and that means the same as the input. For 2.0.1 this is the proof
/// that the 2.1 model holds every valid 2.0.1 payload.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<OcppVersion, string, OcppPayloadKind, OcppSampleSize> Cases() => MessageCases.AllSized();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sample_validates_decodes_and_reencodes_to_an_equal_schema_valid_payload(
        OcppVersion version, string action, OcppPayloadKind kind, OcppSampleSize size)
    {
        var json = OcppSampleBuilder.BuildJson(version, action, kind, size);
        Assert.Empty(OcppSchemaValidator.Validate(version, action, kind, json)); // the builder itself is right
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Null(OcppPayloadCodec.Validate(version, action, kind, bytes));
        Assert.True(OcppPayloadCodec.TryDecode(version, action, kind, bytes, out var payload, out var error), error?.Description);
        Assert.Equal(OcppV21Catalog.Find(action)!.PayloadType(kind), payload!.GetType());

        var reencoded = Encoding.UTF8.GetString(OcppPayloadCodec.Encode(payload));
        Assert.Empty(OcppSchemaValidator.Validate(version, action, kind, reencoded));
        Assert.Null(OcppPayloadCodec.ValidateOutgoing(version, action, kind, Encoding.UTF8.GetBytes(reencoded)));
        Assert.True(JsonSemantics.AreEqual(JsonNode.Parse(json), JsonNode.Parse(reencoded), out var difference), difference);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generic_encode_and_decode_agree_with_the_runtime_type_path(
        OcppVersion version, string action, OcppPayloadKind kind, OcppSampleSize size)
    {
        var bytes = Encoding.UTF8.GetBytes(OcppSampleBuilder.BuildJson(version, action, kind, size));
        Assert.True(OcppPayloadCodec.TryDecode(version, action, kind, bytes, out var payload, out _));
        Assert.Equal(OcppPayloadCodec.Encode(payload!), OcppPayloadCodec.Encode<object>(payload!));
    }
}
