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
/// Which of the two applies is asked of the rotated-station directory first (a few in-memory buckets), so the many
/// stations that never rotated connect without starting (and recovering) a credential entity each.
/// Unknown stations are refused, and so is everyone while the directory or credential store does not answer (fail closed).
/// Successful verifications are cached per (stored hash, password digest) so a reconnect storm does not cost a PBKDF2
/// run per station (nor, with a fleet-wide hash, per station at all); a rotation changes the stored hash and so
/// invalidates the cache by itself.
/// </summary>
public sealed class StationCredentialValidator(
    IConfiguration configuration, ActorRegistry registry, ILogger<StationCredentialValidator> logger) : IOcppCredentialValidator
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);
    // Keyed by a SHA-256 of hash and password, so no plaintext password stays in memory. Not by station: whether a
    // password matches a stored hash does not depend on who presents it.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _verified = new(StringComparer.Ordinal);

    public async ValueTask<bool> ValidateAsync(string stationId, string password, CancellationToken cancellationToken = default)
    {
        var section = configuration.GetSection("V2g:Ocpp:Credentials");
        var configured = section[stationId] ?? section["*"];

        var directory = await registry.GetAsync<RotatedStationRegion>(cancellationToken).ConfigureAwait(false);
        var known = await AskAsync<RotatedStationAnswer>(directory, new IsStationRotated(stationId), stationId, cancellationToken)
            .ConfigureAwait(false);
        if (known is null) return false;
        if (!known.Rotated) return configured is not null && Verify(configured, password);

        var region = await registry.GetAsync<StationCredentialRegion>(cancellationToken).ConfigureAwait(false);
        var view = await AskAsync<StationCredentialsView>(region, new GetStationCredentials(stationId), stationId, cancellationToken)
            .ConfigureAwait(false);
        if (view is null) return false;
        var current = view.CurrentHash ?? configured;
        if (current is not null && Verify(current, password)) return true;
        if (view.PendingHash is { } pending && Verify(pending, password))
        {
            // The station has the new password, so the rotation took effect even if its SetVariables answer was lost.
            region.Tell(new ConfirmPendingStationPassword(stationId));
            return true;
        }
        return false;
    }

    /// <summary>The answer, or null (logged) when the credential side does not answer in time: the caller refuses.</summary>
    private async Task<T?> AskAsync<T>(IActorRef target, object question, string stationId, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await target.Ask<T>(question, AskTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TaskCanceledException)
        {
            logger.LogWarning("{Station}: credential store did not answer; refusing the connection", stationId);
            return null;
        }
    }

    private bool Verify(string stored, string password)
    {
        var now = DateTimeOffset.UtcNow;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stored + "\n" + password)));
        if (_verified.TryGetValue(key, out var until) && until > now) return true;
        var ok = PasswordHash.Verify(password, stored);
        if (ok) _verified[key] = now + CacheFor;
        return ok;
    }
}
