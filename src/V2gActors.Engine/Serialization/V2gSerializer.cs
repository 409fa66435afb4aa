using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace V2gActors.Engine.Serialization;

/// <summary>
/// JSON (System.Text.Json, source-generated) serializer for every <see cref="IV2gSerializable"/>: journal events,
/// snapshots and cluster messages. The short manifest ("chg.booted.v1") names the type, so payloads stay free of CLR
/// type names and can be renamed in code without breaking stored journals.
/// </summary>
public sealed class V2gSerializer : SerializerWithStringManifest
{
    /// <summary>Stable serializer id stored with every journal row; never change it.</summary>
    public const int Id = 7321;

    public const string Name = "v2g-json";

    private readonly V2gJsonContext _context;

    public V2gSerializer(ExtendedActorSystem system) : base(system)
    {
        var options = new JsonSerializerOptions(V2gJsonContext.Default.Options);
        options.Converters.Add(new ActorRefJsonConverter(system));
        _context = new V2gJsonContext(options);
    }

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        V2gManifests.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().FullName} has no manifest in {nameof(V2gManifests)}.");

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, TypeInfo(obj.GetType()));

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!V2gManifests.ByManifest.TryGetValue(manifest, out var type))
            throw new SerializationException($"Unknown manifest '{manifest}' for {nameof(V2gSerializer)}.");
        return JsonSerializer.Deserialize(bytes, TypeInfo(type))
               ?? throw new SerializationException($"Manifest '{manifest}' deserialized to null.");
    }

    private JsonTypeInfo TypeInfo(Type type) =>
        _context.GetTypeInfo(type) ?? throw new SerializationException($"{type.FullName} is not in {nameof(V2gJsonContext)}.");
}
