using Akka.Actor;
using Akka.Cluster;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Palettes;

/// <summary>pbm's <c>cluster</c> palette: membership as this node sees it, and the membership actions.</summary>
public sealed class ClusterPalette(ActorSystem system) : ICommandPalette
{
    private static readonly ArgumentInfo AddressArgument =
        new("address", "a member address, e.g. akka.tcp://v2g@127.0.0.1:4053", Positional: true, Required: true);

    public PaletteInfo Info { get; } = new("cluster", "Akka.NET cluster membership",
    [
        new("show", "every member with status, roles and reachability", false, []),
        new("status", "this node's own member status", false, []),
        new("leader", "the current cluster leader", false, []),
        new("leave", "asks a member to leave the cluster gracefully", true, [AddressArgument]),
        new("down", "marks a member down (it is removed without handing off)", true, [AddressArgument]),
        new("down-unreachable", "marks every unreachable member down", true, []),
        new("join", "makes this node join the cluster at the given address", true, [AddressArgument]),
    ]);

    private Cluster Cluster => Cluster.Get(system);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "show" => ShowAsync(context),
        "status" => StatusAsync(context),
        "leader" => LeaderAsync(context),
        "leave" => WithAddress(context, MemberOnly(address => Cluster.Leave(address)), "leave requested for"),
        "down" => WithAddress(context, MemberOnly(address => Cluster.Down(address)), "down requested for"),
        "down-unreachable" => DownUnreachableAsync(context),
        "join" => WithAddress(context, address => { Cluster.Join(address); return null; }, "joining"),
        _ => Task.FromResult(CommandResult.Usage($"cluster has no command {command}.")),
    };

    private async Task<CommandResult> ShowAsync(CommandContext context)
    {
        var state = Cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        await context.Output.TableAsync($"members seen by {Cluster.SelfAddress}",
            ["address", "status", "roles", "reachable", "leader", "self"],
            state.Members.Select(m => (IReadOnlyList<string>)
            [
                m.Address.ToString(),
                m.Status.ToString(),
                string.Join(",", m.Roles),
                CommandOutputExtensions.Cell(!unreachable.Contains(m.Address)),
                CommandOutputExtensions.Cell(m.Address.Equals(state.Leader)),
                CommandOutputExtensions.Cell(m.Address.Equals(Cluster.SelfAddress)),
            ])).ConfigureAwait(false);
        return CommandResult.Ok($"{state.Members.Count} member(s), {state.Unreachable.Count} unreachable");
    }

    private async Task<CommandResult> StatusAsync(CommandContext context)
    {
        var self = Cluster.SelfMember;
        await context.Output.PropertiesAsync("this node",
        [
            ("address", self.Address),
            ("status", self.Status),
            ("roles", string.Join(",", self.Roles)),
            ("app-version", self.AppVersion),
            ("is-leader", self.Address.Equals(Cluster.State.Leader)),
        ]).ConfigureAwait(false);
        return CommandResult.Ok();
    }

    private async Task<CommandResult> LeaderAsync(CommandContext context)
    {
        if (Cluster.State.Leader is not { } leader) return CommandResult.Failed("No leader: the cluster is not formed (or has no reachable members).");
        await context.Output.TextAsync(leader.ToString()).ConfigureAwait(false);
        return CommandResult.Ok();
    }

    private async Task<CommandResult> DownUnreachableAsync(CommandContext context)
    {
        var unreachable = Cluster.State.Unreachable.Select(m => m.Address).ToList();
        foreach (var address in unreachable)
        {
            Cluster.Down(address);
            await context.Output.TextAsync($"down requested for {address}").ConfigureAwait(false);
        }
        return CommandResult.Ok(unreachable.Count == 0 ? "no unreachable members" : $"{unreachable.Count} member(s) marked down");
    }

    /// <summary>Leave and down of an address that is not a member would silently do nothing: say so instead.</summary>
    private Func<Address, string?> MemberOnly(Action<Address> act) => address =>
    {
        if (!Cluster.State.Members.Any(m => m.Address.Equals(address)))
            return $"{address} is not a member of this cluster (see cluster show).";
        act(address);
        return null;
    };

    /// <param name="act">Does it, or returns why it cannot.</param>
    private static async Task<CommandResult> WithAddress(CommandContext context, Func<Address, string?> act, string verb)
    {
        var text = context.Arguments.Required("address");
        Address address;
        try
        {
            address = Address.Parse(text);
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return CommandResult.Usage($"'{text}' is not an actor system address (akka.tcp://system@host:port): {ex.Message}");
        }
        if (!address.HasGlobalScope) return CommandResult.Usage($"'{text}' has no host and port.");
        if (act(address) is { } problem) return CommandResult.Failed(problem);
        await context.Output.TextAsync($"{verb} {address}").ConfigureAwait(false);
        return CommandResult.Ok();
    }
}
