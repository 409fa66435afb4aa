using System.Diagnostics.CodeAnalysis;
using V2gActors.Iso15118.Exi.Generated.Ac;
using V2gActors.Iso15118.Exi.Generated.Acdp;
using V2gActors.Iso15118.Exi.Generated.AppProtocol;
using V2gActors.Iso15118.Exi.Generated.CommonMessages;
using V2gActors.Iso15118.Exi.Generated.Dc;

namespace V2gActors.Iso15118.Exi;

/// <summary>The schema an EXI payload is encoded against; chosen by V2GTP payload type (or SAP for 0x8001).</summary>
public enum ExiSchema
{
    AppProtocol,
    CommonMessages,
    Dc,
    Ac,
    Acdp,
}

/// <summary>
/// Entry point of the generated ISO 15118-20 / supportedAppProtocol EXI codecs. Decoding never throws on bad
/// input: it returns false with a reason. Encoding throws <see cref="ExiEncodeException"/> for messages that
/// do not fit the schema.
/// </summary>
public static class ExiCodec
{
    public static bool TryDecode(ExiSchema schema, ReadOnlySpan<byte> exi,
        [NotNullWhen(true)] out ExiDocument? document, [NotNullWhen(false)] out string? error) => schema switch
    {
        ExiSchema.AppProtocol => AppProtocolExi.TryDecode(exi, out document, out error),
        ExiSchema.CommonMessages => CommonMessagesExi.TryDecode(exi, out document, out error),
        ExiSchema.Dc => DcExi.TryDecode(exi, out document, out error),
        ExiSchema.Ac => AcExi.TryDecode(exi, out document, out error),
        ExiSchema.Acdp => AcdpExi.TryDecode(exi, out document, out error),
        _ => Unknown(schema, out document, out error),
    };

    public static byte[] Encode(ExiSchema schema, ExiDocument document) => schema switch
    {
        ExiSchema.AppProtocol => AppProtocolExi.Encode(document),
        ExiSchema.CommonMessages => CommonMessagesExi.Encode(document),
        ExiSchema.Dc => DcExi.Encode(document),
        ExiSchema.Ac => AcExi.Encode(document),
        ExiSchema.Acdp => AcdpExi.Encode(document),
        _ => throw new ExiEncodeException($"unknown schema {schema}"),
    };

    /// <summary>Encodes a message whose type belongs to exactly one global element of the schema (every V2G message).</summary>
    public static byte[] Encode(ExiSchema schema, object message) => Encode(schema, Document(schema, message));

    public static ExiDocument Document(ExiSchema schema, object message) => schema switch
    {
        ExiSchema.AppProtocol => AppProtocolExi.Document(message),
        ExiSchema.CommonMessages => CommonMessagesExi.Document(message),
        ExiSchema.Dc => DcExi.Document(message),
        ExiSchema.Ac => AcExi.Document(message),
        ExiSchema.Acdp => AcdpExi.Document(message),
        _ => throw new ExiEncodeException($"unknown schema {schema}"),
    };

    /// <summary>The schema whose target namespace is <paramref name="ns"/>, if this codec has one.</summary>
    public static ExiSchema? SchemaForNamespace(string ns) => ns switch
    {
        AppProtocolExi.Namespace => ExiSchema.AppProtocol,
        CommonMessagesExi.Namespace => ExiSchema.CommonMessages,
        DcExi.Namespace => ExiSchema.Dc,
        AcExi.Namespace => ExiSchema.Ac,
        AcdpExi.Namespace => ExiSchema.Acdp,
        _ => null,
    };

    private static bool Unknown(ExiSchema schema, out ExiDocument? document, out string? error)
    {
        document = null;
        error = $"unknown schema {schema}";
        return false;
    }
}
