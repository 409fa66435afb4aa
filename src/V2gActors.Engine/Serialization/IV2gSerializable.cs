namespace V2gActors.Engine.Serialization;

/// <summary>
/// Marks every message that may be persisted or cross nodes (events, snapshots, entity commands and replies,
/// connection↔entity messages). The marker is bound to <see cref="V2gSerializer"/>, so a type that forgets it
/// fails loudly under strict serialization instead of silently falling back to a reflection-based serializer.
/// </summary>
public interface IV2gSerializable;
