using System.Security.Cryptography;
using System.Text;

namespace V2gActors.Cmd.Host;

/// <summary>Decides whether a request may run a state-changing command.</summary>
public sealed class TokenGate(string? configuredToken)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(configuredToken) ? null : Hash(configuredToken);

    public bool IsConfigured => _expected is not null;

    /// <summary>Null when allowed, otherwise the refusal told to the client.</summary>
    public string? Refusal(string? presented)
    {
        if (_expected is null)
            return "State-changing commands are disabled on this node: no token is configured (V2g:CommandHost:Token).";
        if (string.IsNullOrEmpty(presented))
            return "This command changes state and needs the operator token (--token or V2G_CMD_TOKEN).";
        // Comparing fixed-length hashes in constant time tells an attacker nothing about how close a guess was.
        return CryptographicOperations.FixedTimeEquals(_expected, Hash(presented)) ? null : "The token is not valid for this node.";
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
