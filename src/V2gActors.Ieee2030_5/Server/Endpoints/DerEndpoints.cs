using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>A device's DER (one per EndDevice here) and the four documents the client reports about it.</summary>
internal static class DerEndpoints
{
    public static void Map(IEndpointRouteBuilder app, HeadEndState state, HeadEndOptions options)
    {
        app.MapGet("/edev/{id:int}/der", (HttpContext ctx, int id) =>
        {
            var device = DeviceAccess.Require(ctx, state.Devices, id);
            var (page, all) = SepRequest.Page(ctx.Request, [Der(device)]);
            return SepResults.Ok(new DERList
            {
                Href = $"{device.Href}/der", All = all, Results = (uint)page.Count, PollRate = options.PollRateSeconds,
                DER = page.ToList(),
            });
        });

        app.MapGet("/edev/{id:int}/der/1", (HttpContext ctx, int id) => SepResults.Ok(Der(DeviceAccess.Require(ctx, state.Devices, id))));

        EndDeviceEndpoints.MapDocument<DERStatus>(app, state, "der/1/ders", DeviceDocumentKind.DerStatus);
        EndDeviceEndpoints.MapDocument<DERAvailability>(app, state, "der/1/dera", DeviceDocumentKind.DerAvailability);
        EndDeviceEndpoints.MapDocument<DERCapability>(app, state, "der/1/dercap", DeviceDocumentKind.DerCapability);
        EndDeviceEndpoints.MapDocument<DERSettings>(app, state, "der/1/derg", DeviceDocumentKind.DerSettings);
    }

    private static DER Der(RegisteredDevice device)
    {
        var href = $"{device.Href}/der/1";
        return new DER
        {
            Href = href, Subscribable = 0,
            AssociatedDERProgramListLink = new AssociatedDERProgramListLink { Href = $"{EndDeviceEndpoints.FsaHref}/derp" },
            DERAvailabilityLink = new DERAvailabilityLink { Href = $"{href}/dera" },
            DERCapabilityLink = new DERCapabilityLink { Href = $"{href}/dercap" },
            DERSettingsLink = new DERSettingsLink { Href = $"{href}/derg" },
            DERStatusLink = new DERStatusLink { Href = $"{href}/ders" },
        };
    }
}
