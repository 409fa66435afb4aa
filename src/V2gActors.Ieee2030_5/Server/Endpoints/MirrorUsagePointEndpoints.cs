using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.State;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>MirrorUsagePoints: clients create a mirror, then post MirrorMeterReading(s) into it.</summary>
internal static class MirrorUsagePointEndpoints
{
    public static void Map(IEndpointRouteBuilder app, HeadEndState state, HeadEndOptions options)
    {
        app.MapGet("/mup", (HttpContext ctx) =>
        {
            var (page, all) = SepRequest.Page(ctx.Request, state.Mirrors.OwnedBy(CallerIdentity.Of(ctx).Lfdi));
            return SepResults.Ok(new MirrorUsagePointList
            {
                Href = "/mup", All = all, Results = (uint)page.Count, PollRate = options.PollRateSeconds,
                MirrorUsagePoint = page.Select(m => Snapshot(state, m)).ToList(),
            });
        });

        app.MapPost("/mup", async (HttpContext ctx) =>
        {
            var mup = await SepRequest.ReadAsync<MirrorUsagePoint>(ctx.Request);
            if (mup.MRID is not { Length: 16 } || mup.DeviceLFDI is not { Length: 20 })
                return SepResults.BadRequest(ErrorReason.InvalidRequestValues);
            var (entry, created) = state.Mirrors.Create(CallerIdentity.Of(ctx).Lfdi, mup);
            if (!created && !OwnedByCaller(ctx, entry)) return SepResults.Forbidden();
            if (!created) state.Mirrors.AddReadings(entry, mup.MirrorMeterReading);
            return created ? SepResults.Created(entry.Href) : SepResults.NoContent(entry.Href);
        });

        app.MapGet("/mup/{id:int}", (HttpContext ctx, int id) =>
        {
            var entry = Owned(ctx, state, id);
            return SepResults.Ok(Snapshot(state, entry));
        });

        app.MapPost("/mup/{id:int}", async (HttpContext ctx, int id) =>
        {
            var entry = Owned(ctx, state, id);
            var body = await SepRequest.ReadBytesAsync(ctx.Request);
            IReadOnlyList<MirrorMeterReading> readings = SepXml.RootElementName(body) switch
            {
                "MirrorMeterReading" => [SepXml.Deserialize<MirrorMeterReading>(body)],
                "MirrorMeterReadingList" => SepXml.Deserialize<MirrorMeterReadingList>(body).MirrorMeterReading,
                var other => throw new SepXmlException(SepXmlFailure.UnexpectedRoot, $"expected MirrorMeterReading(List), found <{other}>"),
            };
            if (readings.Any(r => r.MRID is not { Length: 16 })) return SepResults.BadRequest(ErrorReason.InvalidRequestValues);
            state.Mirrors.AddReadings(entry, readings);
            return SepResults.Created(entry.Href);
        });
    }

    private static MirrorEntry Owned(HttpContext ctx, HeadEndState state, int id)
    {
        var entry = state.Mirrors.Find(id)
                    ?? throw new SepRequestException(StatusCodes.Status404NotFound, ErrorReason.InvalidRequestValues, $"no mirror {id}");
        if (!OwnedByCaller(ctx, entry))
            throw new SepRequestException(StatusCodes.Status403Forbidden, ErrorReason.InvalidRequestValues, "not your mirror");
        return entry;
    }

    private static bool OwnedByCaller(HttpContext ctx, MirrorEntry entry) =>
        entry.OwnerLfdi.Equals(CallerIdentity.Of(ctx).Lfdi, StringComparison.OrdinalIgnoreCase);

    /// <summary>The mirror as last created, carrying the latest reading of each MirrorMeterReading mRID.</summary>
    private static MirrorUsagePoint Snapshot(HeadEndState state, MirrorEntry entry)
    {
        var latest = state.Mirrors.ReadingsOf(entry.Id)
            .GroupBy(r => Convert.ToHexString(r.MRID ?? []))
            .Select(g => g.Last())
            .ToList();
        var source = entry.UsagePoint;
        return new MirrorUsagePoint
        {
            Href = entry.Href, MRID = source.MRID, Description = source.Description, Version = source.Version,
            RoleFlags = source.RoleFlags, ServiceCategoryKind = source.ServiceCategoryKind, Status = source.Status,
            DeviceLFDI = source.DeviceLFDI, PostRate = source.PostRate, MirrorMeterReading = latest,
        };
    }
}
