using System.Buffers;
using System.Text;

namespace V2gActors.Ocpp.Transport.Server;

/// <summary>Username and password from an <c>Authorization: Basic …</c> header (RFC 7617, UTF-8).</summary>
public readonly record struct BasicCredentials(string Username, string Password)
{
    /// <summary>
    /// Parses the header value. Splits at the first ':' — the username (the station id) cannot contain one, the
    /// password may. Returns false for any other scheme or malformed base64.
    /// </summary>
    public static bool TryParse(string? authorizationHeader, out BasicCredentials credentials)
    {
        credentials = default;
        if (authorizationHeader is null) return false;
        var value = authorizationHeader.AsSpan().Trim();
        const string scheme = "Basic ";
        if (value.Length <= scheme.Length || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var encoded = value[scheme.Length..].Trim();

        // OCPP passwords are at most 40 characters; a few hundred bytes is a generous upper bound on the stack.
        if (encoded.Length > 1024) return false;
        Span<byte> decoded = stackalloc byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, decoded, out var written)) return false;
        decoded = decoded[..written];
        var colon = decoded.IndexOf((byte)':');
        if (colon < 0) return false;
        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            credentials = new BasicCredentials(strict.GetString(decoded[..colon]), strict.GetString(decoded[(colon + 1)..]));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Never print the password (records would by default).</summary>
    public override string ToString() => $"BasicCredentials {{ Username = {Username} }}";

    public string ToHeaderValue() =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + Password));
}
