namespace V2gActors.Cmd.Protocol;

/// <summary>
/// One request line from a client. The wire format is newline-delimited JSON: the client writes one request per line,
/// the host answers with any number of <see cref="Reply"/> lines and always ends with exactly one <see cref="DoneReply"/>,
/// so a connection can carry many requests (the interactive prompt keeps one open).
/// </summary>
/// <param name="Op"><see cref="RequestOps.Describe"/> (the catalog, for help and completion) or <see cref="RequestOps.Run"/>.</param>
/// <param name="Argv">For <c>run</c>: palette, command, then the command's own words and options, as typed.</param>
/// <param name="Token">Operator token; only checked for state-changing commands.</param>
public sealed record CommandRequest(string Op, IReadOnlyList<string>? Argv = null, string? Token = null);

public static class RequestOps
{
    public const string Describe = "describe";
    public const string Run = "run";
}
