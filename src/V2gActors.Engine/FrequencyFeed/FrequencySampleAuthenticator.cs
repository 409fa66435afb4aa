using System.Security.Cryptography;
using System.Text;

namespace V2gActors.Engine.FrequencyFeed;

/// <summary>
/// Authenticates frequency samples: a frequency step moves every fleet's power, so off loopback the feed only accepts
/// samples sealed with the shared key. A sealed sample is the JSON sample, a newline, and the lowercase hex
/// HMAC-SHA256 of the JSON bytes under the key (docs/frequency-feed.md). Replays are refused by the per-source
/// sequence check the HMAC protects. Without a key every sample is accepted as it comes (loopback development).
/// </summary>
public sealed class FrequencySampleAuthenticator
{
    /// <summary>Newline plus 64 hex characters.</summary>
    public const int SealLength = 1 + 64;

    /// <summary>The largest message the listeners must read: a sample of <see cref="FrequencySampleCodec.MaxBytes"/> plus its seal.</summary>
    public const int MaxMessageBytes = FrequencySampleCodec.MaxBytes + SealLength;

    private readonly byte[]? _key;

    public FrequencySampleAuthenticator(string? key) =>
        _key = string.IsNullOrEmpty(key) ? null : Encoding.UTF8.GetBytes(key);

    public static FrequencySampleAuthenticator None { get; } = new(null);

    public bool RequiresSeal => _key is not null;

    /// <summary>The sample's JSON when the message is acceptable; otherwise why not.</summary>
    public bool TryOpen(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> json, out string? refusal)
    {
        refusal = null;
        json = message;
        if (_key is null) return true;
        if (message.Length < SealLength || message[^SealLength] != (byte)'\n')
        {
            refusal = "unauthenticated: no HMAC-SHA256 seal after the sample";
            return false;
        }
        json = message[..^SealLength];
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_key, json, expected);
        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(Encoding.ASCII.GetString(message[^64..]), given, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != 32 || !CryptographicOperations.FixedTimeEquals(expected, given))
        {
            refusal = "unauthenticated: the HMAC-SHA256 seal does not match";
            return false;
        }
        return true;
    }

    /// <summary>What a sender (meter, simulator, load test) puts on the wire for <paramref name="json"/> under <paramref name="key"/>.</summary>
    public static byte[] Seal(ReadOnlySpan<byte> json, string key)
    {
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), json));
        return [.. json, (byte)'\n', .. Encoding.ASCII.GetBytes(mac)];
    }
}
