using V2gActors.Ieee2030_5.Resources;
using V2gActors.Ieee2030_5.Server.Endpoints;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server.Notifications;

/// <summary>
/// Turns "program p's controls changed" into one Notification per subscriber of /derp/p/derc, carrying the
/// current list (up to the subscription's limit) so the client need not come back with a GET.
/// </summary>
internal sealed class ControlListNotifier(HeadEndState state, NotificationSender sender)
{
    public static bool IsSubscribable(string? href, DerProgramCatalog programs) =>
        href is not null && TryProgramOf(href, out var p) && programs.Program(p) is not null;

    public void OnControlsChanged(int programId)
    {
        var href = $"/derp/{programId}/derc";
        var controls = state.Programs.Controls(programId) ?? [];
        foreach (var held in state.Subscriptions.To(href))
        {
            var notification = new Notification
            {
                SubscribedResource = href,
                SubscriptionURI = held.Href,
                Status = 0, // default: the resource changed and its new state is included
                Resource = DerProgramEndpoints.ControlList(null, href, controls, (int)held.Subscription.Limit),
            };
            sender.Enqueue(new Uri(held.Subscription.NotificationURI!), notification);
        }
    }

    private static bool TryProgramOf(string href, out int programId)
    {
        programId = 0;
        var parts = href.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts is ["derp", var p, "derc"] && int.TryParse(p, out programId);
    }
}
