using System.Text.Json;
using System.Text.Json.Serialization;

namespace V2gActors.Ocpp.Messages.Serialization;

/// <summary>
/// JSON Schema (and so OCPP) treats 5.0 as the integer 5; the built-in reader refuses anything with a fraction
/// part or exponent. These converters accept whole numbers in any notation so that every payload the validator
/// passes also decodes. Writing is unchanged.
/// </summary>
public sealed class OcppInt32Converter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var value)) return value;
            if (reader.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue) return (int)d;
        }
        throw new JsonException("Expected a 32-bit integer.");
    }

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <inheritdoc cref="OcppInt32Converter"/>
public sealed class OcppInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var value)) return value;
            if (reader.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue) return (long)d;
        }
        throw new JsonException("Expected a 64-bit integer.");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
