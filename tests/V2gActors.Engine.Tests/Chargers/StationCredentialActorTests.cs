using System.Text.Json;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Credentials;
using V2gActors.Engine.Tests.Support;

namespace V2gActors.Engine.Tests.Chargers;

/// <summary>Password rotation through SetVariables (A01), with a probe standing in for the charger region.</summary>
public sealed class StationCredentialActorTests() : TestKit(EngineTestConfig.InMemory)
{
    private static (string Password, string Json) SentPassword(SendChargerCommand command)
    {
        Assert.Equal("SetVariables", command.Action);
        using var json = JsonDocument.Parse(command.PayloadJson);
        var data = json.RootElement.GetProperty("setVariableData")[0];
        Assert.Equal("SecurityCtrlr", data.GetProperty("component").GetProperty("name").GetString());
        Assert.Equal("BasicAuthPassword", data.GetProperty("variable").GetProperty("name").GetString());
        return (data.GetProperty("attributeValue").GetString()!, command.PayloadJson);
    }

    /// <summary>A real directory bucket on the in-memory journal, with no earlier credential journals to seed from.</summary>
    private IActorRef Directory() =>
        Sys.ActorOf(RotatedStationDirectoryActor.Props("0", () => Task.FromResult<IReadOnlyCollection<string>>([])));

    private StationCredentialsView View(IActorRef entity, string stationId)
    {
        entity.Tell(new GetStationCredentials(stationId));
        return ExpectMsg<StationCredentialsView>();
    }

    [Fact]
    public void An_accepted_rotation_makes_the_new_hash_the_only_credential()
    {
        var chargers = CreateTestProbe();
        var directory = Directory();
        var entity = Sys.ActorOf(StationCredentialActor.Props("CS-ROT", chargers.Ref, directory));
        Assert.Null(View(entity, "CS-ROT").CurrentHash);

        entity.Tell(new RotateStationPassword("CS-ROT"));
        var command = chargers.ExpectMsg<SendChargerCommand>();
        // The upgrade asks the entity of a rotated station only: the directory knew it before the password went out.
        directory.Tell(new IsStationRotated("CS-ROT"));
        Assert.True(ExpectMsg<RotatedStationAnswer>().Rotated);
        var (password, _) = SentPassword(command);
        Assert.InRange(password.Length, 16, 40);
        var pending = View(entity, "CS-ROT");
        Assert.True(PasswordHash.Verify(password, pending.PendingHash!)); // journaled before it was sent

        entity.Tell(new ChargerCommandCompleted("CS-ROT", "SetVariables", CommandOutcome.Completed,
            """{"setVariableResult":[{"attributeStatus":"Accepted","component":{"name":"SecurityCtrlr"},"variable":{"name":"BasicAuthPassword"}}]}"""));

        var ended = ExpectMsg<StationPasswordRotationEnded>();
        Assert.True(ended.Rotated);
        var view = View(entity, "CS-ROT");
        Assert.True(PasswordHash.Verify(password, view.CurrentHash!));
        Assert.Null(view.PendingHash);
        Assert.DoesNotContain(password, JsonSerializer.Serialize(view)); // only hashes leave the entity

        // Recovered from the journal after a restart.
        Watch(entity);
        Sys.Stop(entity);
        ExpectTerminated(entity);
        var again = Sys.ActorOf(StationCredentialActor.Props("CS-ROT", chargers.Ref, directory));
        Assert.Equal(view.CurrentHash, View(again, "CS-ROT").CurrentHash);
    }

    [Fact]
    public void A_refused_or_unanswered_rotation_keeps_the_old_credential()
    {
        var chargers = CreateTestProbe();
        var entity = Sys.ActorOf(StationCredentialActor.Props("CS-NO", chargers.Ref, Directory()));

        entity.Tell(new RotateStationPassword("CS-NO"));
        chargers.ExpectMsg<SendChargerCommand>();
        entity.Tell(new RotateStationPassword("CS-NO"));
        Assert.Contains("in progress", ExpectMsg<StationPasswordRotationEnded>().Reason);
        entity.Tell(new ChargerCommandCompleted("CS-NO", "SetVariables", CommandOutcome.Offline, null, null, "not connected"));

        var ended = ExpectMsg<StationPasswordRotationEnded>();
        Assert.False(ended.Rotated);
        Assert.Contains("Offline", ended.Reason);
        Assert.Equal(new StationCredentialsView("CS-NO", null, null, null), View(entity, "CS-NO"));
    }

    [Fact]
    public void A_station_that_logs_in_with_the_pending_password_confirms_it()
    {
        var chargers = CreateTestProbe();
        var entity = Sys.ActorOf(StationCredentialActor.Props("CS-LOST", chargers.Ref, Directory()));
        entity.Tell(new RotateStationPassword("CS-LOST"));
        chargers.ExpectMsg<SendChargerCommand>();

        entity.Tell(new ConfirmPendingStationPassword("CS-LOST"));

        Assert.True(ExpectMsg<StationPasswordRotationEnded>().Rotated);
        Assert.NotNull(View(entity, "CS-LOST").CurrentHash);
    }
}
