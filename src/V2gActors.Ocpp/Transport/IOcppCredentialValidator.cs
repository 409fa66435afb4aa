namespace V2gActors.Ocpp.Transport;

/// <summary>
/// Decides the Basic-auth password of a station (security profile 1). The transport has already checked that the
/// username equals the station id from the path; implementations only look the password up (hashes, constant-time
/// comparison). Registered in DI by the host.
/// </summary>
public interface IOcppCredentialValidator
{
    ValueTask<bool> ValidateAsync(string stationId, string password, CancellationToken cancellationToken = default);
}
