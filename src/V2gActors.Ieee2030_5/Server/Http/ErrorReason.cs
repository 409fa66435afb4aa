namespace V2gActors.Ieee2030_5.Server.Http;

/// <summary>Error.reasonCode values of 2030.5.</summary>
public static class ErrorReason
{
    public const ushort InvalidRequestFormat = 0;
    public const ushort InvalidRequestValues = 1;
    public const ushort ResourceLimitReached = 2;
    public const ushort ConditionalSubscriptionNotSupported = 3;
    public const ushort MaximumRequestFrequencyExceeded = 4;
}
