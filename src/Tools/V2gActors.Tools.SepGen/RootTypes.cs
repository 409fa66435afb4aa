namespace V2gActors.Tools.SepGen;

/// <summary>
/// The resources V2gActors speaks (CSIP DER function set plus discovery, registration, responses,
/// subscriptions and metering mirrors). Everything they reference is pulled in by closure.
/// </summary>
internal static class RootTypes
{
    public static readonly string[] Names =
    [
        "DeviceCapability", "Time", "EndDevice", "EndDeviceList", "SelfDevice", "Registration",
        "DeviceInformation", "PowerStatus", "FunctionSetAssignments", "FunctionSetAssignmentsList",
        "DERProgram", "DERProgramList", "DERControl", "DERControlList", "DefaultDERControl",
        "DERCurve", "DERCurveList", "DER", "DERList", "DERCapability", "DERSettings", "DERStatus",
        "DERAvailability", "Response", "ResponseList", "ResponseSet", "ResponseSetList", "DERControlResponse",
        "Subscription", "SubscriptionList", "Notification", "NotificationList",
        "MirrorUsagePoint", "MirrorUsagePointList", "MirrorMeterReading", "MirrorMeterReadingList",
        "Error",
    ];
}
