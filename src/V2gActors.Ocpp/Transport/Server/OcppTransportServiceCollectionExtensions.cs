using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using V2gActors.Ocpp.Transport;
using V2gActors.Ocpp.Transport.Server;

// Extension methods live in the namespaces of the types they extend, as ASP.NET Core's own do, so the host finds
// them without extra usings.
namespace Microsoft.Extensions.DependencyInjection
{
    public static class OcppTransportServiceCollectionExtensions
    {
        /// <summary>
        /// Registers the OCPP-J WebSocket transport: options, the node-local <see cref="OcppConnectionRegistry"/>, and
        /// the WebSockets middleware (via a startup filter, so the host cannot forget <c>UseWebSockets()</c>; adding it
        /// twice is harmless). The host must also register an <see cref="IOcppConnectionHandler"/> and, unless
        /// <see cref="OcppTransportOptions.RequireBasicAuth"/> is off, an <see cref="IOcppCredentialValidator"/>.
        /// </summary>
        public static IServiceCollection AddOcppTransport(this IServiceCollection services, Action<OcppTransportOptions>? configure = null)
        {
            var options = services.AddOptions<OcppTransportOptions>();
            if (configure is not null) options.Configure(configure);
            options.Validate(o => o.MaxMessageSize > 0 && o.SendQueueCapacity > 0 && o.Subprotocols.Count > 0,
                "OcppTransportOptions: MaxMessageSize and SendQueueCapacity must be positive and Subprotocols non-empty.");
            services.TryAddSingleton<OcppConnectionRegistry>();
            services.TryAddSingleton<OcppUpgradeGate>();
            services.TryAddSingleton<OcppWebSocketEndpoint>();
            services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebSocketsStartupFilter>());
            return services;
        }

        private sealed class WebSocketsStartupFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.UseWebSockets();
                next(app);
            };
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    public static class OcppTransportEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Maps the OCPP-J WebSocket endpoint. The pattern must contain a <c>{stationId}</c> parameter.
        /// Requires <see cref="OcppTransportServiceCollectionExtensions.AddOcppTransport"/>.
        /// </summary>
        public static IEndpointConventionBuilder MapOcppWebSockets(this IEndpointRouteBuilder endpoints, string pattern = "/ocpp/{stationId}")
        {
            if (!pattern.Contains("{" + OcppWebSocketEndpoint.StationIdRouteValue, StringComparison.Ordinal))
                throw new ArgumentException($"The OCPP route pattern must contain {{{OcppWebSocketEndpoint.StationIdRouteValue}}}.", nameof(pattern));
            // Resolved per request (a singleton, so this is a dictionary lookup): the handler may depend on services,
            // such as the ActorSystem, that only exist once the host has started.
            return endpoints.Map(pattern, static context =>
                    context.RequestServices.GetRequiredService<OcppWebSocketEndpoint>().HandleAsync(context))
                .WithDisplayName("OCPP-J WebSocket");
        }
    }
}
