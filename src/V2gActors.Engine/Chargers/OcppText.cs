using System.Collections.Concurrent;
using System.Text;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// The schema spelling of an OCPP enum value ("Energy.Active.Import.Register", not the CLR name), taken from the
/// generated JSON metadata so journals store what the charger sent. Cached: each value is encoded once per process.
/// </summary>
internal static class OcppText
{
    private static readonly ConcurrentDictionary<Enum, string> Cache = new();

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Cache.GetOrAdd(value, static (_, v) => Encoding.UTF8.GetString(OcppPayloadCodec.Encode(v)).Trim('"'), value);

    public static string? Of<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? Of(v) : null;
}
