namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>The head-end's in-memory state, one store per function set.</summary>
public sealed class HeadEndState
{
    public EndDeviceRegistry Devices { get; } = new();
    public DeviceDocuments Documents { get; } = new();
    public DerProgramCatalog Programs { get; } = new();
    public ResponseLog Responses { get; } = new();
    public SubscriptionRegistry Subscriptions { get; } = new();
    public MirrorUsagePointStore Mirrors { get; } = new();
}
