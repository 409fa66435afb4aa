using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text.Json;
using V2gActors.Ocpp;

namespace V2gActors.Ocpp.Messages.Validation;

/// <summary>
/// The JSON Schema keywords the OCPP schemas use, one method each, shared by every generated validator.
/// Error codes follow OCPP-J part 4: wrong JSON type is a TypeConstraintViolation, a bad value of the right
/// type (enum, maxLength, minimum/maximum, date-time) a PropertyConstraintViolation, a missing property or an
/// array outside minItems/maxItems an OccurrenceConstraintViolation.
/// </summary>
internal static class SchemaRules
{
    public static SchemaViolation? Required(JsonElement e, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
            if (!e.TryGetProperty(name, out _))
                return new SchemaViolation(OcppErrorCode.OccurrenceConstraintViolation, "required property missing", name);
        return null;
    }

    public static SchemaViolation? String(JsonElement e, int? maxLength = null)
    {
        if (e.ValueKind != JsonValueKind.String) return SchemaViolation.WrongType(e, "string");
        // maxLength counts code points. The raw UTF-8 (quotes included) is never shorter than that count, so
        // short strings pass without being decoded; only long ones are materialised and counted exactly.
        if (maxLength is { } max && JsonMarshal.GetRawUtf8Value(e).Length - 2 > max && CodePoints(e.GetString()!) > max)
            return new SchemaViolation(OcppErrorCode.PropertyConstraintViolation, $"maxLength {max} exceeded");
        return null;
    }

    public static SchemaViolation? DateTime(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) return SchemaViolation.WrongType(e, "string");
        // The same parser the deserialiser uses, plus RFC 3339's demand for a time and an explicit offset:
        // the built-in parser would otherwise read "2025-01-01" or an offset-less time as local time.
        var text = e.GetString()!;
        if (!e.TryGetDateTimeOffset(out _) || !HasTimeAndOffset(text))
            return new SchemaViolation(OcppErrorCode.PropertyConstraintViolation, $"'{Clip(text)}' is not an RFC 3339 date-time");
        return null;
    }

    public static SchemaViolation? Int32(JsonElement e, long? minimum = null, long? maximum = null)
    {
        if (e.ValueKind != JsonValueKind.Number) return SchemaViolation.WrongType(e, "integer");
        if (e.TryGetInt32(out var value)) return Range(value, minimum, maximum);
        return WholeNumber(e, int.MinValue, int.MaxValue, "32-bit") is { } whole ? Range(whole, minimum, maximum) : NotAnInteger(e, "32-bit");
    }

    public static SchemaViolation? Int64(JsonElement e, long? minimum = null, long? maximum = null)
    {
        if (e.ValueKind != JsonValueKind.Number) return SchemaViolation.WrongType(e, "integer");
        if (e.TryGetInt64(out var value)) return Range(value, minimum, maximum);
        return WholeNumber(e, long.MinValue, long.MaxValue, "64-bit") is { } whole ? Range(whole, minimum, maximum) : NotAnInteger(e, "64-bit");
    }

    public static SchemaViolation? Number(JsonElement e, decimal? minimum = null, decimal? maximum = null)
    {
        if (e.ValueKind != JsonValueKind.Number) return SchemaViolation.WrongType(e, "number");
        if (!e.TryGetDecimal(out var value))
            return new SchemaViolation(OcppErrorCode.PropertyConstraintViolation, "number outside the decimal range this CSMS accepts");
        return Range(value, minimum, maximum);
    }

    public static SchemaViolation? Boolean(JsonElement e) =>
        e.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : SchemaViolation.WrongType(e, "boolean");

    public static SchemaViolation? OneOf(JsonElement e, FrozenSet<string> allowed, string enumName)
    {
        if (e.ValueKind != JsonValueKind.String) return SchemaViolation.WrongType(e, "string");
        var value = e.GetString()!;
        return allowed.Contains(value)
            ? null
            : new SchemaViolation(OcppErrorCode.PropertyConstraintViolation, $"'{Clip(value)}' is not a {enumName} value");
    }

    public static SchemaViolation? Array(JsonElement e, Func<JsonElement, SchemaViolation?> item, int minItems = 0, int? maxItems = null)
    {
        if (e.ValueKind != JsonValueKind.Array) return SchemaViolation.WrongType(e, "array");
        var count = e.GetArrayLength();
        if (count < minItems)
            return new SchemaViolation(OcppErrorCode.OccurrenceConstraintViolation, $"{count} item(s), minItems {minItems}");
        if (count > maxItems)
            return new SchemaViolation(OcppErrorCode.OccurrenceConstraintViolation, $"{count} item(s), maxItems {maxItems} exceeded");
        var index = 0;
        foreach (var element in e.EnumerateArray())
        {
            if (item(element) is { } violation) return violation.At(index);
            index++;
        }
        return null;
    }

    private static SchemaViolation? Range<T>(T value, T? minimum, T? maximum) where T : struct, IComparable<T>
    {
        if (minimum is { } lo && value.CompareTo(lo) < 0)
            return new SchemaViolation(OcppErrorCode.PropertyConstraintViolation, $"{value} is below minimum {lo}");
        if (maximum is { } hi && value.CompareTo(hi) > 0)
            return new SchemaViolation(OcppErrorCode.PropertyConstraintViolation, $"{value} is above maximum {hi}");
        return null;
    }

    // JSON Schema counts 5.0 and 5e0 as integers; OcppIntegerConverter reads them the same way.
    private static long? WholeNumber(JsonElement e, long min, long max, string width) =>
        e.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d >= min && d <= max ? (long)d : null;

    private static SchemaViolation NotAnInteger(JsonElement e, string width) =>
        // A fraction is the wrong type; a whole number too big for the CLR field is a value this CSMS cannot hold.
        !e.TryGetDecimal(out var d) || d == decimal.Truncate(d)
            ? new SchemaViolation(OcppErrorCode.PropertyConstraintViolation, $"{Clip(e.GetRawText())} does not fit a {width} integer")
            : new SchemaViolation(OcppErrorCode.TypeConstraintViolation, $"expected integer, got {Clip(e.GetRawText())}");

    private static bool HasTimeAndOffset(string s) =>
        s.Length >= 20 && s[10] is 'T' or 't' &&
        (s[^1] is 'Z' or 'z' || s[^6] is '+' or '-' && s[^3] == ':');

    private static int CodePoints(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length; i++, count++)
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        return count;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
