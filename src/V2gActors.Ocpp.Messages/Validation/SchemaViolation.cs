using System.Text.Json;
using V2gActors.Ocpp;

namespace V2gActors.Ocpp.Messages.Validation;

/// <summary>
/// The first rule a payload breaks, found deep in the tree. The path is prepended while the violation
/// travels back up (property by property), so nothing is allocated for payloads that are valid.
/// </summary>
internal sealed record SchemaViolation(OcppErrorCode Code, string Message, string Path = "")
{
    public static SchemaViolation WrongType(JsonElement e, string expected) =>
        new(OcppErrorCode.TypeConstraintViolation, $"expected {expected}, got {KindName(e.ValueKind)}");

    public static SchemaViolation NotAllowed() =>
        new(OcppErrorCode.ProtocolError, "property not allowed (additionalProperties is false)");

    public SchemaViolation Under(string property) =>
        this with { Path = Path.Length == 0 ? property : Path[0] == '[' ? property + Path : property + "." + Path };

    public SchemaViolation At(int index) =>
        this with { Path = $"[{index}]" + (Path.Length == 0 || Path[0] == '[' ? Path : "." + Path) };

    public OcppError ToError() => new(Code, Path.Length == 0 ? Message : $"{Path}: {Message}");

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
