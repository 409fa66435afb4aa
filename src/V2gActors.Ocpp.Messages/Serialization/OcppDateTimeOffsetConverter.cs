using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace V2gActors.Ocpp.Messages.Serialization;

/// <summary>
/// Writes OCPP date-times in UTC with a 'Z' suffix (what part 2 recommends and what many chargers expect),
/// with the fraction only as long as needed. Reads any ISO 8601 form the built-in parser accepts; the
/// validators have already insisted on an explicit offset before a payload gets here.
/// </summary>
public sealed class OcppDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value))
            throw new JsonException("Expected an RFC 3339 date-time string.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[32];
        if (!value.UtcDateTime.TryFormat(buffer, out var written, UtcFormat, CultureInfo.InvariantCulture))
            throw new JsonException("Could not format date-time.");
        writer.WriteStringValue(buffer[..written]);
    }
}
