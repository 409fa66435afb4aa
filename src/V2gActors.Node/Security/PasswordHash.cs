namespace V2gActors.Node.Security;

/// <summary>
/// The node's name for the station password hash (configuration tooling and tests use it); the scheme itself lives
/// with the engine's credential store, which hashes rotated passwords.
/// </summary>
public static class PasswordHash
{
    public static string Hash(string password, int iterations = 100_000) =>
        Engine.Credentials.PasswordHash.Hash(password, iterations);

    public static bool Verify(string password, string stored) => Engine.Credentials.PasswordHash.Verify(password, stored);
}
