using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Configuration;
using V2gActors.Engine.Credentials;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Node.Security;

/// <summary>
/// Security profile 1/2 passwords. A station that has had its password rotated (SetVariables BasicAuthPassword) is
/// checked against the hash its credential entity journaled; otherwise against configuration
/// (<c>V2g:Ocpp:Credentials:{stationId}</c> = PBKDF2 hash; <c>*</c> is a fleet-wide fallback for labs and demos).
/// Unknown stations are refused, and so is everyone while the credential store does not answer (fail closed).
/// Successful verifications are cached per (station, stored hash, password digest) so a reconnect storm does not
/// cost a PBKDF2 run per station; a rotation changes the stored hash and so invalidates the cache by itself.
/// </summary>
public sealed class StationCredentialValidator(
    IConfiguration configuration, ActorRegistry registry, ILogger<StationCredentialValidator> logger) : IOcppCredentialValidator
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    // Keyed by a SHA-256 of hash and password, so no plaintext password stays in memory.
    private readonly ConcurrentDictionary<(string Station, string Digest), DateTimeOffset> _verified = new();

    public async ValueTask<bool> ValidateAsync(string stationId, string password, CancellationToken cancellationToken = default)
    {
        var region = await registry.GetAsync<StationCredentialRegion>(cancellationToken).ConfigureAwait(false);
        StationCredentialsView view;
        try
        {
            view = await region.Ask<StationCredentialsView>(new GetStationCredentials(stationId), AskTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            logger.LogWarning("{Station}: credential store did not answer; refusing the connection", stationId);
            return false;
        }

        var section = configuration.GetSection("V2g:Ocpp:Credentials");
        var current = view.CurrentHash ?? section[stationId] ?? section["*"];
        if (current is not null && Verify(stationId, current, password)) return true;
        if (view.PendingHash is { } pending && Verify(stationId, pending, password))
        {
            // The station has the new password, so the rotation took effect even if its SetVariables answer was lost.
            region.Tell(new ConfirmPendingStationPassword(stationId));
            return true;
        }
        return false;
    }

    private bool Verify(string stationId, string stored, string password)
    {
        var now = DateTimeOffset.UtcNow;
        var key = (stationId, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stored + "\n" + password))));
        if (_verified.TryGetValue(key, out var until) && until > now) return true;
        var ok = PasswordHash.Verify(password, stored);
        if (ok) _verified[key] = now + CacheFor;
        return ok;
    }
}
