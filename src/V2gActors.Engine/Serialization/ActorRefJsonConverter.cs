using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace V2gActors.Engine.Serialization;

/// <summary>
/// Writes an <see cref="IActorRef"/> as its serialized actor path (with the node's address when it is local, so
/// another node can reach it) and resolves it back through the receiving system's provider.
/// </summary>
internal sealed class ActorRefJsonConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
{
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var path = reader.GetString();
        return string.IsNullOrEmpty(path) ? ActorRefs.Nobody : system.Provider.ResolveActorRef(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
}
