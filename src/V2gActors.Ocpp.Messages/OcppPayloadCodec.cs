using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using V2gActors.Ocpp.Messages;
using V2gActors.Ocpp.Messages.V201;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.Ocpp.Messages.Validation;

namespace V2gActors.Ocpp;

/// <summary>
/// The one door between raw OCPP-J payload bytes and typed messages. Validation runs the generated
/// schema checks of the connection's edition; decoding always yields the 2.1 model, because 2.1 is a
/// superset of 2.0.1 and handlers should be written once. Nothing here throws on bad input except
/// <see cref="Decode{T}"/>, which is for callers that already trust their bytes.
/// </summary>
public static class OcppPayloadCodec
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>True when the action exists in that edition.</summary>
    public static bool IsKnownAction(OcppVersion version, string action) => version switch
    {
        OcppVersion.V21 => OcppV21Catalog.IsKnown(action),
        OcppVersion.V201 => OcppV201Catalog.IsKnown(action),
        _ => false,
    };

    /// <summary>Validates raw UTF-8 JSON against the schema of (version, action, kind); null when valid.</summary>
    public static OcppError? Validate(OcppVersion version, string action, OcppPayloadKind kind, ReadOnlySpan<byte> utf8Json)
    {
        var check = CheckFor(version, action, kind, OcppErrorCode.NotImplemented, out var error);
        return check is null ? error : Run(check, utf8Json);
    }

    /// <summary>
    /// Validates, then deserialises into the 2.1 CLR type whatever the edition. Unknown action: NotImplemented.
    /// </summary>
    public static bool TryDecode(OcppVersion version, string action, OcppPayloadKind kind, ReadOnlySpan<byte> utf8Json,
                                 out object? payload, out OcppError? error)
    {
        payload = null;
        error = Validate(version, action, kind, utf8Json);
        if (error is not null) return false;

        // Every 2.0.1 action exists in 2.1, so the 2.1 catalog always has the type once validation passed.
        var type = OcppV21Catalog.Find(action)?.PayloadType(kind);
        var info = type is null ? null : OcppV21JsonContext.Default.GetTypeInfo(type);
        if (info is null)
        {
            error = new OcppError(OcppErrorCode.NotImplemented, $"No OCPP 2.1 model for {action} {kind}.");
            return false;
        }
        try
        {
            payload = JsonSerializer.Deserialize(utf8Json, info);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or OverflowException)
        {
            // Reaching this means the validator passed something the model cannot hold: a validator bug, but
            // still the sender's payload, so it is reported to them rather than thrown at the transport.
            error = new OcppError(OcppErrorCode.FormatViolation, $"Payload does not map onto {type!.Name}: {ex.Message}");
            return false;
        }
        if (payload is null)
        {
            error = new OcppError(OcppErrorCode.FormatViolation, "Payload is null.");
            return false;
        }
        return true;
    }

    /// <summary>Deserialises into a 2.1 type with source-generated metadata. Throws <see cref="JsonException"/> on bad input.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, TypeInfo<T>()) ?? throw new JsonException($"Payload for {typeof(T).Name} is null.");

    /// <summary>Serialises a 2.1 payload with source-generated metadata.</summary>
    public static byte[] Encode<T>(T v21Payload)
    {
        ArgumentNullException.ThrowIfNull(v21Payload);
        return typeof(T) == typeof(object)
            ? Encode((object)v21Payload)
            : JsonSerializer.SerializeToUtf8Bytes(v21Payload, TypeInfo<T>());
    }

    /// <summary>Serialises a 2.1 payload whose type is known only at runtime, still through the generated context.</summary>
    public static byte[] Encode(object v21Payload)
    {
        ArgumentNullException.ThrowIfNull(v21Payload);
        var info = OcppV21JsonContext.Default.GetTypeInfo(v21Payload.GetType())
                   ?? throw new ArgumentException($"{v21Payload.GetType().FullName} is not an OCPP 2.1 message type.", nameof(v21Payload));
        return JsonSerializer.SerializeToUtf8Bytes(v21Payload, info);
    }

    /// <summary>
    /// Validates an encoded frame against the connection's edition before it is sent, so the CSMS never emits
    /// what the charger must reject (a 2.1-only field or action towards a 2.0.1 charger). An action the edition
    /// lacks is NotSupported here: the fault is ours, not the peer's. Null when the frame may be sent.
    /// </summary>
    public static OcppError? ValidateOutgoing(OcppVersion version, string action, OcppPayloadKind kind, ReadOnlySpan<byte> utf8Json)
    {
        var check = CheckFor(version, action, kind, OcppErrorCode.NotSupported, out var error);
        return check is null ? error : Run(check, utf8Json);
    }

    private static Func<JsonElement, SchemaViolation?>? CheckFor(
        OcppVersion version, string action, OcppPayloadKind kind, OcppErrorCode unknownActionCode, out OcppError? error)
    {
        error = null;
        if (!IsKnownAction(version, action))
        {
            error = new OcppError(unknownActionCode, $"Action '{action}' does not exist in OCPP {version.ToSubprotocol()}.");
            return null;
        }
        var check = version == OcppVersion.V21 ? OcppV21Validator.For(action, kind) : OcppV201Validator.For(action, kind);
        if (check is null)
            error = new OcppError(OcppErrorCode.ProtocolError, $"{action} is a SEND message and has no {kind} payload.");
        return check;
    }

    private static OcppError? Run(Func<JsonElement, SchemaViolation?> check, ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
                return new OcppError(OcppErrorCode.FormatViolation, "Payload has content after the JSON value.");
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new OcppError(OcppErrorCode.FormatViolation, "Payload is not a JSON object.");
            return check(root)?.ToError();
        }
        catch (JsonException ex)
        {
            return new OcppError(OcppErrorCode.FormatViolation, $"Payload is not valid JSON: {ex.Message}");
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        OcppV21JsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new ArgumentException($"{typeof(T).FullName} is not an OCPP 2.1 message type.");
}
