namespace V2gActors.LoadTest.Stations;

/// <summary>A station after setup, as the dispatch scenario needs it to enrol a vehicle session: Accepted at boot and
/// the id of its open transaction (null when TransactionEvent(Started) was not acknowledged).</summary>
public sealed record StationState(string StationId, bool Accepted, string? TransactionId);
