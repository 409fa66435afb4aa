using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;

namespace V2gActors.Engine.Tests.Chargers;

/// <summary>
/// The journal fails (database down): the charger entity must acknowledge nothing, answer the CALL with a clear
/// CALLERROR, and serve again once the journal is back — with only what was really stored.
/// </summary>
public sealed class JournalUnavailableTests() : TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        # The test journal's internal failure envelopes are not meant to be serialized; the entity's own messages
        # are covered by the serializer tests.
        akka.actor.serialize-messages = off
        """).WithFallback(EngineTestConfig.InMemory);

    private static readonly ChargerSettings Settings = ChargerSettings.Default with { PullDeviceModelOnBoot = false };

    private ITestJournal Journal => TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

    [Fact]
    public async Task A_failed_write_is_answered_with_InternalError_and_never_acknowledged()
    {
        var connection = CreateTestProbe();
        var charger = Sys.ActorOf(ChargerActor.Props("CS-DOWN", Settings));
        Watch(charger);
        charger.Tell(new ChargerConnected("CS-DOWN", "c-1", OcppVersion.V21, connection.Ref));

        await Journal.OnWrite.Fail();
        charger.Tell(new OcppCallReceived("CS-DOWN", "c-1", OcppVersion.V21, "m-1", "BootNotification",
            OcppSamples.Utf8(OcppSamples.Boot()), connection.Ref));

        var error = connection.ExpectMsg<SendCallError>();
        Assert.Equal("m-1", error.MessageId);
        Assert.Equal(OcppErrorCode.InternalError, error.Code);
        Assert.Contains("not stored", error.Description);
        connection.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // no CALLRESULT for an event that is not durable
        ExpectTerminated(charger); // Akka.Persistence stops an entity whose journal failed; sharding recreates it

        await Journal.OnWrite.Pass();
        var again = Sys.ActorOf(ChargerActor.Props("CS-DOWN", Settings));
        again.Tell(new ChargerConnected("CS-DOWN", "c-1", OcppVersion.V21, connection.Ref));
        again.Tell(new GetChargerState("CS-DOWN"), TestActor);
        var before = ExpectMsg<ChargerStateView>();
        Assert.Null(before.Registration);
        Assert.Equal(0, before.JournalSequenceNr);

        again.Tell(new OcppCallReceived("CS-DOWN", "c-1", OcppVersion.V21, "m-2", "BootNotification",
            OcppSamples.Utf8(OcppSamples.Boot()), connection.Ref));
        Assert.Equal("m-2", connection.ExpectMsg<SendCallResult>().MessageId);
    }

    [Fact]
    public async Task A_rejected_write_is_answered_with_InternalError_and_the_entity_keeps_serving()
    {
        var connection = CreateTestProbe();
        var charger = Sys.ActorOf(ChargerActor.Props("CS-REJ", Settings));
        charger.Tell(new ChargerConnected("CS-REJ", "c-1", OcppVersion.V21, connection.Ref));

        await Journal.OnWrite.Reject();
        charger.Tell(new OcppCallReceived("CS-REJ", "c-1", OcppVersion.V21, "m-1", "BootNotification",
            OcppSamples.Utf8(OcppSamples.Boot()), connection.Ref));
        Assert.Equal(OcppErrorCode.InternalError, connection.ExpectMsg<SendCallError>().Code);
        connection.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        await Journal.OnWrite.Pass();
        charger.Tell(new OcppCallReceived("CS-REJ", "c-1", OcppVersion.V21, "m-2", "BootNotification",
            OcppSamples.Utf8(OcppSamples.Boot()), connection.Ref));
        Assert.Equal("m-2", connection.ExpectMsg<SendCallResult>().MessageId);
    }
}
