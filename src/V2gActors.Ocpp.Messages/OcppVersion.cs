namespace V2gActors.Ocpp;

/// <summary>The OCPP-J editions this CSMS speaks, negotiated by WebSocket subprotocol.</summary>
public enum OcppVersion
{
    /// <summary>Subprotocol <c>ocpp2.0.1</c>.</summary>
    V201,
    /// <summary>Subprotocol <c>ocpp2.1</c>.</summary>
    V21,
}

public static class OcppSubprotocols
{
    public const string Ocpp21 = "ocpp2.1";
    public const string Ocpp201 = "ocpp2.0.1";

    /// <summary>Preference order when a client offers several.</summary>
    public static readonly IReadOnlyList<string> Supported = [Ocpp21, Ocpp201];

    public static string ToSubprotocol(this OcppVersion version) => version switch
    {
        OcppVersion.V21 => Ocpp21,
        OcppVersion.V201 => Ocpp201,
        _ => throw new ArgumentOutOfRangeException(nameof(version)),
    };

    public static bool TryParse(string? subprotocol, out OcppVersion version)
    {
        switch (subprotocol)
        {
            case Ocpp21: version = OcppVersion.V21; return true;
            case Ocpp201: version = OcppVersion.V201; return true;
            default: version = default; return false;
        }
    }
}
