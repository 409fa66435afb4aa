using System.Text.Json;

namespace V2gActors.Engine.FrequencyFeed;

/// <summary>
/// Parses the feed's wire format: one UTF-8 JSON object per UDP datagram or WebSocket text message,
/// <c>{"seq":42,"ts":1764514800123,"hz":49.952,"src":"pmu-1"}</c> (docs/frequency-feed.md). Pure and allocation-light
/// (<see cref="Utf8JsonReader"/> over the received bytes): a sample costs one record. Unknown members are ignored so
/// senders can add fields; anything else that is not a plausible sample is refused with a reason.
/// </summary>
public static class FrequencySampleCodec
{
    /// <summary>Datagrams above this are refused unread: a sample is ~60 bytes.</summary>
    public const int MaxBytes = 512;

    public const string DefaultSource = "default";

    public static bool TryParse(ReadOnlySpan<byte> utf8, out FrequencySample sample, out FrequencySampleError error)
    {
        sample = null!;
        error = null!;
        if (utf8.Length > MaxBytes)
        {
            error = new($"sample is {utf8.Length} bytes; at most {MaxBytes}");
            return false;
        }

        double? hz = null;
        DateTimeOffset? measuredAt = null;
        string? source = null;
        long? sequence = null;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new("a sample is a JSON object");
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("hz"u8)) hz = Number(ref reader, "hz");
                else if (reader.ValueTextEquals("seq"u8)) sequence = Integer(ref reader, "seq");
                else if (reader.ValueTextEquals("ts"u8)) measuredAt = Timestamp(ref reader);
                else if (reader.ValueTextEquals("src"u8)) source = Text(ref reader, "src");
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                error = new("trailing data after the sample object");
                return false;
            }
        }
        catch (JsonException ex)
        {
            error = new($"not JSON: {ex.Message}");
            return false;
        }
        catch (FormatException ex)
        {
            error = new(ex.Message);
            return false;
        }

        if (hz is not { } f || !double.IsFinite(f) || f <= 0)
        {
            error = new("\"hz\" (a positive number) is required");
            return false;
        }
        sample = new FrequencySample(f, measuredAt, string.IsNullOrEmpty(source) ? DefaultSource : source, sequence);
        return true;
    }

    /// <summary>The wire form of a sample (senders, tests and the load runner use it).</summary>
    public static byte[] Encode(FrequencySample sample)
    {
        using var buffer = new MemoryStream(96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (sample.Sequence is { } seq) writer.WriteNumber("seq"u8, seq);
            if (sample.MeasuredAt is { } at) writer.WriteNumber("ts"u8, at.ToUnixTimeMilliseconds());
            writer.WriteNumber("hz"u8, sample.Hz);
            writer.WriteString("src"u8, sample.Source);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static double Number(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
            ? value : throw new FormatException($"\"{name}\" must be a number");
    }

    private static long Integer(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value)
            ? value : throw new FormatException($"\"{name}\" must be an integer");
    }

    private static string Text(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String) throw new FormatException($"\"{name}\" must be a string");
        var text = reader.GetString()!;
        return text.Length <= 64 ? text : throw new FormatException($"\"{name}\" is longer than 64 characters");
    }

    /// <summary><c>ts</c>: Unix epoch milliseconds (a number, fractions allowed) or an ISO 8601 string with offset.</summary>
    private static DateTimeOffset Timestamp(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var ms) && double.IsFinite(ms)
            && ms >= 0 && ms < 253_402_300_800_000)
            return DateTimeOffset.UnixEpoch.AddTicks((long)(ms * TimeSpan.TicksPerMillisecond));
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at)) return at;
        throw new FormatException("\"ts\" must be Unix epoch milliseconds or an ISO 8601 timestamp");
    }
}
