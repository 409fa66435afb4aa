namespace V2gActors.LoadTest.Chargers;

/// <summary>Told the moment a <see cref="LoadCharger"/> received a setpoint frame, with the Stopwatch timestamp taken
/// on its read loop before it answers.</summary>
public interface ISetpointTap
{
    void Received(long at);
}
