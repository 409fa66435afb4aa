using Akka.Actor;
using V2gActors.Cmd.Protocol;

namespace V2gActors.Cmd.Palettes;

/// <summary>pbm's <c>actor</c> palette: the local actor tree.</summary>
public sealed class ActorPalette(ActorSystem system) : ICommandPalette
{
    /// <summary>A node with thousands of charger entities must not answer with a million lines.</summary>
    private const int MaxActorsListed = 5000;

    public PaletteInfo Info { get; } = new("actor", "the actors of this node",
    [
        new("hierarchy", "the actor tree under a path (local actors only)", false,
        [
            new("start", "path to start from, e.g. /user or /system/sharding", ShortName: "s", Default: "/user"),
            new("depth", "levels below the start path", ShortName: "d", Default: "3"),
        ]),
    ]);

    public Task<CommandResult> ExecuteAsync(string command, CommandContext context) => command switch
    {
        "hierarchy" => HierarchyAsync(context),
        _ => Task.FromResult(CommandResult.Usage($"actor has no command {command}.")),
    };

    private async Task<CommandResult> HierarchyAsync(CommandContext context)
    {
        int depth;
        try
        {
            depth = context.Arguments.Int("depth") ?? 3;
        }
        catch (FormatException ex)
        {
            return CommandResult.Usage(ex.Message);
        }
        if (depth < 0) return CommandResult.Usage("--depth must be 0 or more.");

        var start = context.Arguments.Required("start");
        if (Resolve(start) is not { } root) return CommandResult.Failed($"No local actor at {start}.");

        var listed = 0;
        var truncated = false;
        // Walking the children containers directly (rather than Identify messages to "path/*") reads the tree in-process
        // without sending a message to every entity, and sees actors that are busy or stashing.
        var stack = new Stack<(ActorRefWithCell Actor, int Level)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (actor, level) = stack.Pop();
            if (listed == MaxActorsListed)
            {
                truncated = true;
                break;
            }
            listed++;
            var name = level == 0 ? actor.Path.ToStringWithoutAddress() : actor.Path.Name;
            await context.Output.TextAsync(new string(' ', level * 2) + name).ConfigureAwait(false);
            if (level == depth) continue;
            foreach (var child in actor.Children.OfType<ActorRefWithCell>().OrderByDescending(c => c.Path.Name, StringComparer.Ordinal))
                stack.Push((child, level + 1));
        }
        return CommandResult.Ok(truncated ? $"first {MaxActorsListed} actors shown; narrow with -s or -d" : $"{listed} actor(s)");
    }

    /// <summary>Walks from the root guardian, one child per path element (names as they appear in paths).</summary>
    private ActorRefWithCell? Resolve(string path)
    {
        if (((ExtendedActorSystem)system).Provider.RootGuardian is not ActorRefWithCell current) return null;
        foreach (var element in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.GetSingleChild(element) is not ActorRefWithCell child || child.IsNobody()) return null;
            current = child;
        }
        return current;
    }
}
