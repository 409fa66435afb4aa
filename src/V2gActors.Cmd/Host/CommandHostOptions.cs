namespace V2gActors.Cmd.Host;

/// <summary>Configuration section <c>V2g:CommandHost</c>.</summary>
public sealed class CommandHostOptions
{
    public const string SectionName = "V2g:CommandHost";

    public bool Enabled { get; set; } = true;

    /// <summary>Loopback by default: the host answers operators on this machine (or through an SSH tunnel).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>9110 as pbm; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 9110;

    /// <summary>Required for state-changing commands. Empty: those commands are refused altogether.</summary>
    public string? Token { get; set; }

    /// <summary>A request line longer than this is refused and its connection closed.</summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024;

    /// <summary>Clients served at once; more are told so and closed.</summary>
    public int MaxConnections { get; set; } = 16;

    /// <summary>A command that runs longer is abandoned (its client gets a failure, the node carries on).</summary>
    public double CommandTimeoutSeconds { get; set; } = 60;

    /// <summary>An idle client connection is closed after this long.</summary>
    public double IdleTimeoutSeconds { get; set; } = 600;

    /// <summary>Log lines kept in memory for <c>log peek</c>.</summary>
    public int LogLinesKept { get; set; } = 1000;
}
