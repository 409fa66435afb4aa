using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.State;
using V2gActors.Ieee2030_5.Xml;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>The one ResponseSet clients post event Responses to (every control's replyTo points here).</summary>
internal static class ResponseEndpoints
{
    public static void Map(IEndpointRouteBuilder app, HeadEndState state, HeadEndOptions options)
    {
        var set = new ResponseSet
        {
            Href = "/rsps/1", MRID = Convert.FromHexString("E0000000000000000000000000000001"), Description = "DER event responses",
            ResponseListLink = new ResponseListLink { Href = "/rsps/1/rsp" },
        };

        app.MapGet("/rsps", (HttpContext ctx) =>
        {
            var (page, all) = SepRequest.Page(ctx.Request, [set]);
            return SepResults.Ok(new ResponseSetList { Href = "/rsps", All = all, Results = (uint)page.Count, ResponseSet = page.ToList() });
        });
        app.MapGet("/rsps/1", () => SepResults.Ok(set));

        app.MapGet("/rsps/1/rsp", (HttpContext ctx) =>
        {
            var caller = CallerIdentity.Of(ctx);
            var mine = state.Responses.All.Where(r => r.CallerLfdi == caller.Lfdi).Select(r => AsListed(r.Response)).ToList();
            var (page, all) = SepRequest.Page(ctx.Request, mine);
            return SepResults.Ok(new ResponseList { Href = "/rsps/1/rsp", All = all, Results = (uint)page.Count, Response = page.ToList() });
        });

        app.MapPost("/rsps/1/rsp", async (HttpContext ctx) =>
        {
            var response = await ReadAnyResponse(ctx.Request);
            if (response.Subject is not { Length: 16 } || response.Status is null)
                return SepResults.BadRequest(ErrorReason.InvalidRequestValues);
            var entry = state.Responses.Add(CallerIdentity.Of(ctx).Lfdi, response, options.Clock());
            return SepResults.Created(entry.Response.Href!);
        });
    }

    /// <summary>ResponseList holds plain Response elements; a posted DERControlResponse is listed by its common fields.</summary>
    private static Response AsListed(Response r) => new()
    {
        Href = r.Href, CreatedDateTime = r.CreatedDateTime, EndDeviceLFDI = r.EndDeviceLFDI, Status = r.Status, Subject = r.Subject,
    };

    /// <summary>Clients post either a plain Response or a DERControlResponse; both are accepted.</summary>
    private static async Task<Response> ReadAnyResponse(HttpRequest request)
    {
        var body = await SepRequest.ReadBytesAsync(request);
        var type = SepXml.RootElementName(body) switch
        {
            "DERControlResponse" => typeof(DERControlResponse),
            "Response" => typeof(Response),
            var other => throw new SepXmlException(SepXmlFailure.UnexpectedRoot, $"expected a Response, found <{other}>"),
        };
        return (Response)SepXml.Deserialize(type, body);
    }
}
