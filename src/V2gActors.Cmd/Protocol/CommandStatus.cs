namespace V2gActors.Cmd.Protocol;

/// <summary>How a request ended; the CLI turns it into an exit code (<see cref="ExitCodes.For"/>).</summary>
public enum CommandStatus
{
    Ok,
    /// <summary>The command ran and did not achieve its goal (unknown station, offline charger, timeout, refused by the cluster).</summary>
    Failed,
    /// <summary>Unknown palette/command, missing or malformed argument, malformed request.</summary>
    Usage,
    /// <summary>A state-changing command without the right token.</summary>
    Unauthorized,
    /// <summary>
    /// The part of the engine the command needs is not running on this node (e.g. no dispatch latency recorder is
    /// registered): nothing was wrong with the request, asking again elsewhere or later may succeed.
    /// </summary>
    Unavailable,
}

/// <summary>Exit codes of v2gcmd that scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int CommandFailed = 1;
    public const int Usage = 2;
    public const int AuthRefused = 3;
    public const int ConnectionFailed = 4;
    /// <summary>The peer spoke something that is not this protocol (wrong port, truncated answer).</summary>
    public const int ProtocolError = 5;
    /// <summary>The node does not run the part this command needs (<see cref="CommandStatus.Unavailable"/>).</summary>
    public const int Unavailable = 6;

    public static int For(CommandStatus status) => status switch
    {
        CommandStatus.Ok => Ok,
        CommandStatus.Failed => CommandFailed,
        CommandStatus.Usage => Usage,
        CommandStatus.Unauthorized => AuthRefused,
        CommandStatus.Unavailable => Unavailable,
        _ => ProtocolError,
    };
}
