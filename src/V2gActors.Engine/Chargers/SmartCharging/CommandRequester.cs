using Akka.Actor;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// Who asked the charger entity for a profile command, and the correlation its answer carries back. A fleet sends one
/// command per charger of a dispatch; with the correlation it matches the answers itself instead of paying for an Ask
/// (a temporary actor and a timer) per charger.
/// </summary>
public readonly record struct CommandRequester(IActorRef Ref, string? Correlation)
{
    public void Tell(ChargerCommandCompleted done) =>
        Ref.Tell(Correlation is null || done.Correlation == Correlation ? done : done with { Correlation = Correlation });
}
