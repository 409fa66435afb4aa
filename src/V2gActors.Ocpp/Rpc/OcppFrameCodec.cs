using System.Buffers;
using System.Text.Json;

namespace V2gActors.Ocpp.Rpc;

/// <summary>
/// Reads and writes OCPP-J RPC frames (OCPP 2.0.1 / 2.1 part 4). Actor-free and allocation-light: parsing walks
/// the message once with <see cref="Utf8JsonReader"/> and copies each payload exactly once into the frame, so the
/// receive buffer can go back to its pool as soon as <see cref="Parse"/> returns.
/// </summary>
/// <remarks>
/// Classification of bad input follows part 4 (RPC framework, "CALLERROR"):
/// <list type="bullet">
/// <item>not JSON, not an array, wrong number of elements, an element of the wrong JSON type, a message id that
///   is missing or longer than 36 characters → <see cref="OcppErrorCode.RpcFrameworkError"/> ("the content of the
///   message is not a valid RPC request");</item>
/// <item>a MessageTypeId outside 2..6 (or 5/6 on a 2.0.1 connection) → <see cref="OcppErrorCode.MessageTypeNotSupported"/>;</item>
/// <item>a payload that is not a JSON object or is not well-formed JSON → <see cref="OcppErrorCode.FormatViolation"/>
///   ("payload for the action is syntactically incorrect").</item>
/// </list>
/// Schema checks of the payload (ProtocolError, OccurrenceConstraintViolation, …) belong to the receiving
/// handler, which knows the action; the codec never looks inside a payload beyond its JSON well-formedness.
/// </remarks>
public static class OcppFrameCodec
{
    /// <summary>Part 4: messageId is a string of at most 36 characters.</summary>
    public const int MaxMessageIdLength = 36;

    /// <summary>Part 4: errorDescription is at most 255 characters.</summary>
    public const int MaxErrorDescriptionLength = 255;

    /// <summary>
    /// Nesting limit for a whole frame (the array counts as one level). OCPP schemas nest far less than this; the
    /// limit bounds the work an attacker can cause with "[[[[…" and matches System.Text.Json's default.
    /// </summary>
    public const int MaxJsonDepth = 64;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        MaxDepth = MaxJsonDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    // Indented=false: the wire format is compact. Default encoder: strings are escaped to valid, ASCII-safe JSON.
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    // One writer per thread, re-targeted with Reset(output): avoids allocating a Utf8JsonWriter per frame on the
    // send path. Write is not re-entrant (no callbacks run while writing), so a thread-static instance is safe.
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Parses one complete WebSocket text message. Never throws for bad input: the result carries either the frame
    /// or an <see cref="OcppFrameViolation"/> with the message id when it could be read.
    /// </summary>
    /// <param name="version">The connection's negotiated edition; SEND (6) and CALLRESULTERROR (5) exist only in 2.1.</param>
    public static OcppFrameParseResult Parse(ReadOnlySpan<byte> utf8, OcppVersion version = OcppVersion.V21)
    {
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(ReaderOptions));
        int? typeId = null;
        string? messageId = null;
        var inPayload = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                return Reject(null, null, OcppErrorCode.RpcFrameworkError, "Message is not a JSON array");

            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                return Reject(null, null, OcppErrorCode.RpcFrameworkError, "Message is an empty array");

            var rawType = 0;
            var typeIsInteger = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out rawType);
            if (typeIsInteger) typeId = rawType;
            else reader.Skip(); // still try to read the id below, so the sender can correlate our CALLERROR

            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                return Reject(typeId, null, OcppErrorCode.RpcFrameworkError, "MessageId (element 2) must be a string");
            messageId = reader.GetString()!;
            if (messageId.Length == 0)
                return Reject(typeId, null, OcppErrorCode.RpcFrameworkError, "MessageId must not be empty");
            // An over-long id was nevertheless read; it is echoed so the sender can correlate the error.
            if (messageId.Length > MaxMessageIdLength)
                return Reject(typeId, messageId, OcppErrorCode.RpcFrameworkError, $"MessageId longer than {MaxMessageIdLength} characters");
            if (!typeIsInteger)
                return Reject(null, messageId, OcppErrorCode.RpcFrameworkError, "MessageTypeId (element 1) must be an integer");

            switch (typeId)
            {
                case (int)OcppMessageType.Call:
                case (int)OcppMessageType.Send when version == OcppVersion.V21:
                {
                    if (!TryReadString(ref reader, out var action) || action.Length == 0)
                        return Reject(typeId, messageId, OcppErrorCode.RpcFrameworkError, "Action (element 3) must be a non-empty string");
                    inPayload = true;
                    var payload = ReadPayload(ref reader, utf8, out var problem);
                    inPayload = false;
                    if (problem is not null) return Reject(typeId, messageId, problem.Value.Code, problem.Value.Description);
                    if (!TryReadEnd(ref reader)) return TooManyElements(typeId, messageId);
                    return OcppFrameParseResult.Parsed(typeId == (int)OcppMessageType.Call
                        ? new CallFrame(messageId, action, payload)
                        : new SendFrame(messageId, action, payload));
                }
                case (int)OcppMessageType.CallResult:
                {
                    inPayload = true;
                    var payload = ReadPayload(ref reader, utf8, out var problem);
                    inPayload = false;
                    if (problem is not null) return Reject(typeId, messageId, problem.Value.Code, problem.Value.Description);
                    if (!TryReadEnd(ref reader)) return TooManyElements(typeId, messageId);
                    return OcppFrameParseResult.Parsed(new CallResultFrame(messageId, payload));
                }
                case (int)OcppMessageType.CallError:
                case (int)OcppMessageType.CallResultError when version == OcppVersion.V21:
                {
                    if (!TryReadString(ref reader, out var code))
                        return Reject(typeId, messageId, OcppErrorCode.RpcFrameworkError, "ErrorCode (element 3) must be a string");
                    if (!TryReadString(ref reader, out var description))
                        return Reject(typeId, messageId, OcppErrorCode.RpcFrameworkError, "ErrorDescription (element 4) must be a string");
                    var details = ReadErrorDetails(ref reader, utf8, out var missing);
                    if (missing) return Reject(typeId, messageId, OcppErrorCode.RpcFrameworkError, "ErrorDetails (element 5) is missing");
                    if (!TryReadEnd(ref reader)) return TooManyElements(typeId, messageId);
                    var errorCode = OcppErrorCodes.FromWireName(code);
                    return OcppFrameParseResult.Parsed(typeId == (int)OcppMessageType.CallError
                        ? new CallErrorFrame(messageId, errorCode, description, details)
                        : new CallResultErrorFrame(messageId, errorCode, description, details));
                }
                default:
                    return Reject(typeId, messageId, OcppErrorCode.MessageTypeNotSupported,
                        $"MessageTypeId {typeId} is not supported by OCPP {version.ToSubprotocol()}");
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Truncated input, invalid tokens, trailing data after the array, nesting deeper than MaxJsonDepth, or
            // (InvalidOperationException from GetString) a string that is not valid UTF-8.
            // Inside the payload that is the payload's fault (FormatViolation); anywhere else the RPC envelope is broken.
            return inPayload
                ? Reject(typeId, messageId, OcppErrorCode.FormatViolation, "Payload is not well-formed JSON")
                : Reject(typeId, messageId, OcppErrorCode.RpcFrameworkError, "Message is not well-formed JSON");
        }
    }

    /// <summary>Writes <paramref name="frame"/> as compact UTF-8 JSON. An empty payload/details is written as <c>{}</c>.</summary>
    /// <exception cref="ArgumentException">A payload that is not well-formed JSON (a programming error of the sender).</exception>
    public static void Write(OcppFrame frame, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var writer = t_writer;
        if (writer is null) t_writer = writer = new Utf8JsonWriter(output, WriterOptions);
        else writer.Reset(output);

        writer.WriteStartArray();
        writer.WriteNumberValue((int)frame.Type);
        writer.WriteStringValue(frame.MessageId);
        switch (frame)
        {
            case CallFrame call:
                writer.WriteStringValue(call.Action);
                WriteObject(writer, call.Payload);
                break;
            case SendFrame send:
                writer.WriteStringValue(send.Action);
                WriteObject(writer, send.Payload);
                break;
            case CallResultFrame result:
                WriteObject(writer, result.Payload);
                break;
            case CallErrorFrame error:
                WriteError(writer, error.ErrorCode, error.ErrorDescription, error.ErrorDetails);
                break;
            case CallResultErrorFrame error:
                WriteError(writer, error.ErrorCode, error.ErrorDescription, error.ErrorDetails);
                break;
            default:
                throw new ArgumentException($"Unknown frame type {frame.GetType().Name}", nameof(frame));
        }
        writer.WriteEndArray();
        writer.Flush();
    }

    /// <summary>Convenience for tests and cold paths; the transport writes into pooled buffers instead.</summary>
    public static byte[] ToBytes(OcppFrame frame)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(frame, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Checks that <paramref name="json"/> is one well-formed JSON object (empty counts as <c>{}</c>).</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void EnsureJsonObject(ReadOnlyMemory<byte> json, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(json))] string? name = null)
    {
        if (json.IsEmpty) return;
        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                reader.Skip();
                if (!reader.Read()) return;
            }
        }
        catch (JsonException)
        {
        }
        throw new ArgumentException("Payload must be a single well-formed JSON object.", name);
    }

    /// <summary>Truncates to the 255 characters part 4 allows, without splitting a surrogate pair.</summary>
    public static string TrimDescription(string? description)
    {
        if (string.IsNullOrEmpty(description)) return string.Empty;
        if (description.Length <= MaxErrorDescriptionLength) return description;
        var cut = MaxErrorDescriptionLength;
        if (char.IsHighSurrogate(description[cut - 1])) cut--;
        return description[..cut];
    }

    private static void WriteError(Utf8JsonWriter writer, OcppErrorCode code, string description, ReadOnlyMemory<byte> details)
    {
        writer.WriteStringValue(code.ToWireName());
        writer.WriteStringValue(TrimDescription(description));
        WriteObject(writer, details);
    }

    private static void WriteObject(Utf8JsonWriter writer, ReadOnlyMemory<byte> json)
    {
        // Validated (skipInputValidation: false): a malformed payload must fail here, at the sender, rather than
        // reach the peer as a frame it would have to reject. The cost is one extra scan of the payload.
        var span = json.IsEmpty ? EmptyObject : json.Span;
        if (span.TrimStart(" \t\r\n"u8) is not [(byte)'{', ..])
            throw new ArgumentException("Payload must be a JSON object.", nameof(json));
        try
        {
            writer.WriteRawValue(span, skipInputValidation: false);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("Payload is not well-formed JSON.", nameof(json), ex);
        }
    }

    private readonly record struct PayloadProblem(OcppErrorCode Code, string Description);

    /// <summary>Reads the next element as a JSON object and copies its bytes once.</summary>
    private static ReadOnlyMemory<byte> ReadPayload(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, out PayloadProblem? problem)
    {
        problem = null;
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
        {
            problem = new(OcppErrorCode.RpcFrameworkError, "Payload element is missing");
            return default;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            problem = new(OcppErrorCode.FormatViolation, "Payload must be a JSON object");
            return default;
        }
        var start = (int)reader.TokenStartIndex;
        reader.Skip(); // validates the whole object, including depth; throws JsonException when malformed
        return utf8[start..(int)reader.BytesConsumed].ToArray();
    }

    /// <summary>
    /// errorDetails should be an object. Errors are never answered, so a non-object value (seen from some firmware,
    /// e.g. a string) is tolerated and replaced by an empty object instead of losing the error for the caller.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadErrorDetails(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, out bool missing)
    {
        missing = !reader.Read() || reader.TokenType == JsonTokenType.EndArray;
        if (missing) return default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return utf8[start..(int)reader.BytesConsumed].ToArray();
    }

    private static bool TryReadString(ref Utf8JsonReader reader, out string value)
    {
        if (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString()!;
            return true;
        }
        value = string.Empty;
        return false;
    }

    /// <summary>True when the array closes here and nothing but whitespace follows it.</summary>
    private static bool TryReadEnd(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) return false;
        // isFinalBlock: any further token (a second value, garbage) throws JsonException → RpcFrameworkError.
        return !reader.Read();
    }

    private static OcppFrameParseResult TooManyElements(int? typeId, string messageId) =>
        Reject(typeId, messageId, OcppErrorCode.RpcFrameworkError, $"Wrong number of elements for MessageTypeId {typeId}");

    private static OcppFrameParseResult Reject(int? typeId, string? messageId, OcppErrorCode code, string description) =>
        OcppFrameParseResult.Rejected(new OcppFrameViolation(typeId, messageId, code, description));
}
