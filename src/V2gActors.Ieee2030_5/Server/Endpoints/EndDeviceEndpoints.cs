using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Security;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>EndDevice registration and the per-device resources below it (Registration, DeviceInformation, PowerStatus, FSA).</summary>
internal static class EndDeviceEndpoints
{
    public const string FsaHref = "/fsa/1";

    public static void Map(IEndpointRouteBuilder app, HeadEndState state, HeadEndOptions options)
    {
        app.MapGet("/edev", (HttpContext ctx) =>
        {
            var (page, all) = SepRequest.Page(ctx.Request, state.Devices.VisibleTo(CallerIdentity.Of(ctx).Lfdi));
            return SepResults.Ok(new EndDeviceList
            {
                Href = "/edev", All = all, Results = (uint)page.Count, PollRate = options.PollRateSeconds,
                EndDevice = page.Select(d => ToResource(d)).ToList(),
            });
        });

        app.MapPost("/edev", async (HttpContext ctx) =>
        {
            var posted = await SepRequest.ReadAsync<EndDevice>(ctx.Request);
            if (posted.LFDI is not { Length: 20 })
                return SepResults.BadRequest(ErrorReason.InvalidRequestValues);
            var identity = DeviceIdentity.FromLfdi(posted.LFDI);
            if (posted.SFDI != 0 && posted.SFDI != identity.Sfdi)
                return SepResults.BadRequest(ErrorReason.InvalidRequestValues);
            var caller = CallerIdentity.Of(ctx);
            var (device, created) = state.Devices.Register(caller.Lfdi, identity.Lfdi, identity.Sfdi, posted.ChangedTime,
                options.RegistrationPin, options.Clock());
            if (!EndDeviceRegistry.IsOwnedBy(device, caller.Lfdi)) return SepResults.Forbidden();
            return created ? SepResults.Created(device.Href) : SepResults.NoContent(device.Href);
        });

        app.MapGet("/edev/{id:int}", (HttpContext ctx, int id) =>
            SepResults.Ok(ToResource(DeviceAccess.Require(ctx, state.Devices, id))));

        app.MapGet("/edev/{id:int}/rg", (HttpContext ctx, int id) =>
        {
            var device = DeviceAccess.Require(ctx, state.Devices, id);
            return SepResults.Ok(new Registration
            {
                Href = $"{device.Href}/rg", DateTimeRegistered = device.RegisteredAt, PIN = device.Pin,
                PollRate = options.PollRateSeconds,
            });
        });

        MapDocument<DeviceInformation>(app, state, "di", DeviceDocumentKind.DeviceInformation);
        MapDocument<PowerStatus>(app, state, "ps", DeviceDocumentKind.PowerStatus);

        app.MapGet("/edev/{id:int}/fsa", (HttpContext ctx, int id) =>
        {
            var device = DeviceAccess.Require(ctx, state.Devices, id);
            var (page, all) = SepRequest.Page(ctx.Request, [Fsa(state)]);
            return SepResults.Ok(new FunctionSetAssignmentsList
            {
                Href = $"{device.Href}/fsa", All = all, Results = (uint)page.Count, PollRate = options.PollRateSeconds,
                FunctionSetAssignments = page.ToList(),
            });
        });

        app.MapGet(FsaHref, () => SepResults.Ok(Fsa(state)));
    }

    /// <summary>GET and PUT of a device document the client owns and the server keeps (DeviceInformation, PowerStatus, DER*).</summary>
    public static void MapDocument<T>(IEndpointRouteBuilder app, HeadEndState state, string suffix, DeviceDocumentKind kind)
        where T : Resource
    {
        var path = suffix.StartsWith('/') ? "/edev/{id:int}" + suffix : "/edev/{id:int}/" + suffix;
        app.MapGet(path, (HttpContext ctx, int id) =>
        {
            DeviceAccess.Require(ctx, state.Devices, id);
            return state.Documents.Get<T>(id, kind) is { } doc ? SepResults.Ok(doc) : SepResults.NotFound();
        });
        app.MapPut(path, async (HttpContext ctx, int id) =>
        {
            DeviceAccess.Require(ctx, state.Devices, id);
            var doc = await SepRequest.ReadAsync<T>(ctx.Request);
            doc.Href = ctx.Request.Path.Value;
            state.Documents.Put(id, kind, doc);
            return SepResults.NoContent();
        });
    }

    private static FunctionSetAssignments Fsa(HeadEndState state) => new()
    {
        Href = FsaHref, MRID = Convert.FromHexString("F5A00000000000000000000000000001"), Description = "DER programs",
        Version = 0, Subscribable = 0,
        DERProgramListLink = new DERProgramListLink { Href = $"{FsaHref}/derp", All = (uint)state.Programs.Programs().Count },
        TimeLink = new TimeLink { Href = "/tm" },
    };

    private static EndDevice ToResource(RegisteredDevice d) => new()
    {
        Href = d.Href, LFDI = Convert.FromHexString(d.Lfdi), SFDI = d.Sfdi, ChangedTime = d.ChangedTime, Enabled = true,
        Subscribable = 0,
        DeviceInformationLink = new DeviceInformationLink { Href = $"{d.Href}/di" },
        PowerStatusLink = new PowerStatusLink { Href = $"{d.Href}/ps" },
        DERListLink = new DERListLink { Href = $"{d.Href}/der", All = 1 },
        FunctionSetAssignmentsListLink = new FunctionSetAssignmentsListLink { Href = $"{d.Href}/fsa", All = 1 },
        RegistrationLink = new RegistrationLink { Href = $"{d.Href}/rg" },
        SubscriptionListLink = new SubscriptionListLink { Href = $"{d.Href}/sub" },
    };
}
