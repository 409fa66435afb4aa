using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.Notifications;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>Per-device subscriptions. Only DERControl lists are subscribable here; conditions are not supported.</summary>
internal static class SubscriptionEndpoints
{
    public static void Map(IEndpointRouteBuilder app, HeadEndState state, HeadEndOptions options)
    {
        app.MapGet("/edev/{id:int}/sub", (HttpContext ctx, int id) =>
        {
            var device = DeviceAccess.Require(ctx, state.Devices, id);
            var (page, all) = SepRequest.Page(ctx.Request, state.Subscriptions.OfDevice(id));
            return SepResults.Ok(new SubscriptionList
            {
                Href = $"{device.Href}/sub", All = all, Results = (uint)page.Count, PollRate = options.PollRateSeconds,
                Subscription = page.Select(s => s.Subscription).ToList(),
            });
        });

        app.MapPost("/edev/{id:int}/sub", async (HttpContext ctx, int id) =>
        {
            DeviceAccess.Require(ctx, state.Devices, id);
            var subscription = await SepRequest.ReadAsync<Subscription>(ctx.Request);
            if (subscription.Condition is not null)
                return SepResults.BadRequest(ErrorReason.ConditionalSubscriptionNotSupported);
            if (subscription.Encoding != 0 || subscription.Limit == 0
                || !ControlListNotifier.IsSubscribable(subscription.SubscribedResource, state.Programs)
                || !Uri.TryCreate(subscription.NotificationURI, UriKind.Absolute, out var target) || target.Scheme != Uri.UriSchemeHttps)
                return SepResults.BadRequest(ErrorReason.InvalidRequestValues);
            var held = state.Subscriptions.Add(id, subscription);
            return SepResults.Created(held.Href);
        });

        app.MapGet("/edev/{id:int}/sub/{s:int}", (HttpContext ctx, int id, int s) =>
        {
            DeviceAccess.Require(ctx, state.Devices, id);
            return state.Subscriptions.Find(id, s) is { } held ? SepResults.Ok(held.Subscription) : SepResults.NotFound();
        });

        app.MapDelete("/edev/{id:int}/sub/{s:int}", (HttpContext ctx, int id, int s) =>
        {
            DeviceAccess.Require(ctx, state.Devices, id);
            return state.Subscriptions.Remove(id, s) ? SepResults.NoContent() : SepResults.NotFound();
        });
    }
}
