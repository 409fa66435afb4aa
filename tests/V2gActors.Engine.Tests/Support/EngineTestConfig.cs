using Akka.Configuration;

namespace V2gActors.Engine.Tests.Support;

internal static class EngineTestConfig
{
    /// <summary>Plain TestKit settings with generous expectation timeouts (the test machine is shared).</summary>
    public static readonly Config Local = ConfigurationFactory.ParseString("akka.test.single-expect-default = 10s");

    /// <summary>
    /// In-memory persistence and the V2g serializer bound, with serialize-messages on so that every message the
    /// tests send or receive really goes through <c>V2gSerializer</c>, as it would between nodes.
    /// </summary>
    public static readonly Config InMemory = ConfigurationFactory.ParseString("""
        akka.loglevel = INFO
        # The machine is shared: the first decode (JIT, generated validators) can take seconds.
        akka.test.single-expect-default = 10s
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.actor.serialize-messages = on
        akka.actor.serializers.v2g-json = "V2gActors.Engine.Serialization.V2gSerializer, V2gActors.Engine"
        akka.actor.serialization-bindings {
          "V2gActors.Engine.Serialization.IV2gSerializable, V2gActors.Engine" = v2g-json
        }
        """);
}
