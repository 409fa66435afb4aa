namespace V2gActors.Ocpp.Transport.Server;

/// <summary>
/// Which station ids the endpoint accepts from the URL path.
/// </summary>
/// <remarks>
/// Rule: 1..48 characters (the 2.0.1/2.1 identity length limit), each a visible ASCII character (0x21–0x7E), and no
/// ':'. The colon is excluded because part 2 (security profile 1) uses the station id as the Basic-auth username,
/// where ':' separates username and password. Spaces, control characters and non-ASCII are excluded because the id
/// also names log lines, sharded entities and journal keys. This is deliberately a little more lenient than OCPP's
/// identifierString alphabet so that ids from existing fleets (e.g. with '#') are not refused at the door.
/// </remarks>
public static class StationIdRule
{
    public const int MaxLength = 48;

    public static bool IsValid(string? stationId, out string problem)
    {
        if (string.IsNullOrEmpty(stationId))
        {
            problem = "station id is missing";
            return false;
        }
        if (stationId.Length > MaxLength)
        {
            problem = $"station id is longer than {MaxLength} characters";
            return false;
        }
        foreach (var c in stationId)
        {
            if (c is < '!' or > '~')
            {
                problem = "station id must consist of visible ASCII characters";
                return false;
            }
            if (c == ':')
            {
                problem = "station id must not contain ':' (it is the Basic-auth username)";
                return false;
            }
        }
        problem = string.Empty;
        return true;
    }
}
