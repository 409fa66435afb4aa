namespace V2gActors.Ieee2030_5.Server.State;

/// <summary>An EndDevice the head-end knows, and the LFDI of the client certificate allowed to act for it.</summary>
public sealed record RegisteredDevice(int Id, string OwnerLfdi, string Lfdi, ulong Sfdi, long ChangedTime, uint Pin, long RegisteredAt)
{
    public string Href => $"/edev/{Id}";
}
