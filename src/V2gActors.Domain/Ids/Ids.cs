namespace V2gActors.Domain.Ids;

// Identifiers are distinct types so that a station id can never be passed where a session id is expected.
// They carry the protocol's own text (OCPP identity, 15118 session id hex, fleet name) unchanged.

/// <summary>OCPP charging-station identity (the last path segment of the WebSocket URL).</summary>
public readonly record struct StationId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>An EVSE on a station; OCPP numbers EVSEs from 1 per station.</summary>
public readonly record struct EvseId(StationId Station, int Evse)
{
    public override string ToString() => $"{Station}/{Evse}";
}

/// <summary>One vehicle's plugged-in session, from plug-in to departure.</summary>
public readonly record struct SessionId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A group of chargers dispatched together against one grid target.</summary>
public readonly record struct FleetId(string Value)
{
    public override string ToString() => Value;
}
