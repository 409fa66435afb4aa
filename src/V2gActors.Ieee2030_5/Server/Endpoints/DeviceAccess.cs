using Microsoft.AspNetCore.Http;
using V2gActors.Ieee2030_5.Server.Http;
using V2gActors.Ieee2030_5.Server.State;

namespace V2gActors.Ieee2030_5.Server.Endpoints;

/// <summary>LFDI-based access control: a device's resources are served only to the certificate that owns it.</summary>
internal static class DeviceAccess
{
    public static RegisteredDevice Require(HttpContext context, EndDeviceRegistry devices, int id)
    {
        var device = devices.Find(id)
                     ?? throw new SepRequestException(StatusCodes.Status404NotFound, ErrorReason.InvalidRequestValues, $"no EndDevice {id}");
        var caller = CallerIdentity.Of(context);
        if (!EndDeviceRegistry.IsOwnedBy(device, caller.Lfdi))
            throw new SepRequestException(StatusCodes.Status403Forbidden, ErrorReason.InvalidRequestValues,
                $"EndDevice {id} does not belong to {caller.Lfdi}");
        return device;
    }
}
