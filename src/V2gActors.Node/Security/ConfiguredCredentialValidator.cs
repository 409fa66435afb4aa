using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Node.Security;

/// <summary>
/// Security profile 1/2 passwords from configuration (<c>V2g:Ocpp:Credentials:{stationId}</c> = PBKDF2 hash; the key
/// <c>*</c> is a fleet-wide fallback for labs and demos). Unknown stations are refused. Successful verifications are
/// cached per (station, password-hash) for a short time so a reconnect storm does not cost 100k PBKDF2 rounds each.
/// </summary>
public sealed class ConfiguredCredentialValidator(IConfiguration configuration) : IOcppCredentialValidator
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    // Keyed by a SHA-256 of the password, so no plaintext password stays in memory.
    private readonly ConcurrentDictionary<(string Station, string PasswordDigest), DateTimeOffset> _verified = new();

    public ValueTask<bool> ValidateAsync(string stationId, string password, CancellationToken cancellationToken = default)
    {
        var section = configuration.GetSection("V2g:Ocpp:Credentials");
        var stored = section[stationId] ?? section["*"];
        if (stored is null) return ValueTask.FromResult(false);
        var now = DateTimeOffset.UtcNow;
        var key = (stationId, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(stored + "\n" + password))));
        if (_verified.TryGetValue(key, out var until) && until > now) return ValueTask.FromResult(true);
        var ok = PasswordHash.Verify(password, stored);
        if (ok) _verified[key] = now + CacheFor;
        return ValueTask.FromResult(ok);
    }
}
