using System.Text.Json.Serialization;

namespace V2gActors.Ocpp.Messages.Serialization;

/// <summary>
/// OCPP enums travel as their schema spelling only. The stock converter also accepts integers ("reason": 3),
/// which the schema forbids, so this one switches that off; spellings come from [JsonStringEnumMemberName].
/// </summary>
public sealed class OcppEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
