using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V2gActors.Cmd.Chargers;
using V2gActors.Cmd.Fleets;
using V2gActors.Cmd.Logging;
using V2gActors.Cmd.Palettes;
using V2gActors.Cmd.Sharding;

namespace V2gActors.Cmd.Host;

public static class CommandHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds the command host (section <c>V2g:CommandHost</c>), the in-memory log ring behind <c>log peek</c>, and the
    /// built-in palettes. Call after the engine (<c>AddV2gEngine</c>) so the host starts after the actor system.
    /// </summary>
    public static IServiceCollection AddV2gCommandHost(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CommandHostOptions.SectionName);
        services.Configure<CommandHostOptions>(section);
        var options = section.Get<CommandHostOptions>() ?? new CommandHostOptions();

        var ring = new LogRing(options.LogLinesKept);
        services.AddSingleton(ring);
        services.AddSingleton<ILoggerProvider>(new RingLoggerProvider(ring));

        services.AddSingleton<ChargerDirectoryRef>();
        services.AddCommandPalette<ClusterPalette>();
        services.AddCommandPalette<ClusterShardingPalette>();
        services.AddCommandPalette<ActorPalette>();
        services.AddCommandPalette<LogPalette>();
        services.AddCommandPalette<ChargerPalette>();

        // V2G palettes (issue 8): fleets, sessions, dispatch log and latency, test grid controls and frequency steps.
        services.AddSingleton<EntityDirectory>();
        services.AddSingleton<FleetQueries>();
        services.AddCommandPalette<FleetPalette>();
        services.AddCommandPalette<SessionPalette>();
        services.AddCommandPalette<DispatchPalette>();
        services.AddCommandPalette<GridPalette>();
        services.AddCommandPalette<FrequencyPalette>();

        services.AddSingleton<CommandHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandHostService>());
        return services;
    }

    /// <summary>Registers one palette (a class implementing <see cref="ICommandPalette"/>).</summary>
    public static IServiceCollection AddCommandPalette<TPalette>(this IServiceCollection services)
        where TPalette : class, ICommandPalette =>
        services.AddSingleton<ICommandPalette, TPalette>();
}
