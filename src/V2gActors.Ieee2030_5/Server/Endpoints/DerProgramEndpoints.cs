using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>DERPrograms with their controls, active controls, default control and curves.</summary>
internal static class DerProgramEndpoints
{
    public static void Map(IEndpointRouteBuilder app, HeadEndState state, HeadEndOptions options)
    {
        app.MapGet($"{EndDeviceEndpoints.FsaHref}/derp", (HttpContext ctx) =>
        {
            var (page, all) = SepRequest.Page(ctx.Request, state.Programs.Programs());
            return SepResults.Ok(new DERProgramList
            {
                Href = $"{EndDeviceEndpoints.FsaHref}/derp", All = all, Results = (uint)page.Count,
                PollRate = options.PollRateSeconds, DERProgram = page.ToList(),
            });
        });

        app.MapGet("/derp/{p:int}", (int p) => state.Programs.Program(p) is { } program ? SepResults.Ok(program) : SepResults.NotFound());

        app.MapGet("/derp/{p:int}/derc", (HttpContext ctx, int p) =>
            state.Programs.Controls(p) is { } controls ? SepResults.Ok(ControlList(ctx.Request, $"/derp/{p}/derc", controls)) : SepResults.NotFound());

        app.MapGet("/derp/{p:int}/actderc", (HttpContext ctx, int p) =>
        {
            if (state.Programs.Controls(p) is not { } controls) return SepResults.NotFound();
            var now = options.Clock();
            var active = controls.Where(c => c.EventStatus.CurrentStatus is not (2 or 3 or 4)
                                             && c.Interval.Start <= now && now < c.Interval.Start + c.Interval.Duration).ToList();
            return SepResults.Ok(ControlList(ctx.Request, $"/derp/{p}/actderc", active));
        });

        app.MapGet("/derp/{p:int}/derc/{c:int}", (int p, int c) =>
            state.Programs.Controls(p)?.FirstOrDefault(x => x.Href == $"/derp/{p}/derc/{c}") is { } control
                ? SepResults.Ok(control)
                : SepResults.NotFound());

        app.MapGet("/derp/{p:int}/dderc", (int p) =>
            state.Programs.DefaultControl(p) is { } dderc ? SepResults.Ok(dderc) : SepResults.NotFound());

        app.MapGet("/derp/{p:int}/dc", (HttpContext ctx, int p) =>
        {
            if (state.Programs.Curves(p) is not { } curves) return SepResults.NotFound();
            var (page, all) = SepRequest.Page(ctx.Request, curves);
            return SepResults.Ok(new DERCurveList { Href = $"/derp/{p}/dc", All = all, Results = (uint)page.Count, DERCurve = page.ToList() });
        });

        app.MapGet("/derp/{p:int}/dc/{c:int}", (int p, int c) =>
            state.Programs.Curves(p)?.FirstOrDefault(x => x.Href == $"/derp/{p}/dc/{c}") is { } curve
                ? SepResults.Ok(curve)
                : SepResults.NotFound());
    }

    public static DERControlList ControlList(HttpRequest? request, string href, IReadOnlyList<DERControl> controls, int? limit = null)
    {
        IReadOnlyList<DERControl> page;
        uint all = (uint)controls.Count;
        if (request is not null) (page, all) = SepRequest.Page(request, controls);
        else page = controls.Take(limit ?? controls.Count).ToList();
        return new DERControlList { Href = href, All = all, Results = (uint)page.Count, Subscribable = 1, DERControl = page.ToList() };
    }
}
