using System.Text.Json;
using System.Text.Json.Serialization;

namespace V2gActors.Cmd.Protocol;

/// <summary>The one JSON shape of the protocol, used by host and client alike. One object per line, no indentation.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Line(Reply reply) => JsonSerializer.Serialize(reply, Options);

    public static string Line(CommandRequest request) => JsonSerializer.Serialize(request, Options);

    public static Reply? ParseReply(string line) => JsonSerializer.Deserialize<Reply>(line, Options);

    public static CommandRequest? ParseRequest(string line) => JsonSerializer.Deserialize<CommandRequest>(line, Options);
}
