using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>DeviceCapability (the entry point every client starts from) and Time.</summary>
internal static class DiscoveryEndpoints
{
    public static void Map(IEndpointRouteBuilder app, HeadEndState state, HeadEndOptions options)
    {
        app.MapGet("/dcap", (Microsoft.AspNetCore.Http.HttpContext ctx) =>
        {
            var caller = CallerIdentity.Of(ctx);
            return SepResults.Ok(new DeviceCapability
            {
                Href = "/dcap",
                PollRate = options.PollRateSeconds,
                TimeLink = new TimeLink { Href = "/tm" },
                ResponseSetListLink = new ResponseSetListLink { Href = "/rsps", All = 1 },
                EndDeviceListLink = new EndDeviceListLink { Href = "/edev", All = (uint)state.Devices.VisibleTo(caller.Lfdi).Count },
                MirrorUsagePointListLink = new MirrorUsagePointListLink { Href = "/mup", All = (uint)state.Mirrors.OwnedBy(caller.Lfdi).Count },
            });
        });

        app.MapGet("/tm", () => SepResults.Ok(new Time
        {
            Href = "/tm", PollRate = options.PollRateSeconds, CurrentTime = options.Clock(),
            // UTC: no daylight saving rules are published by this head-end.
            DstEndTime = 0, DstOffset = 0, DstStartTime = 0, LocalTime = options.Clock(), Quality = 7, TzOffset = 0,
        }));
    }
}
