using System.Security.Cryptography;
using System.Text.Json;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using V2gActors.Engine.Chargers;

namespace V2gActors.Engine.Credentials;

/// <summary>
/// One station's security-profile 1/2 password, sharded by station id and event-sourced
/// (<c>station-credential-{stationId}</c>). It rotates the password through the charger entity (SetVariables
/// SecurityCtrlr.BasicAuthPassword) and tells the WebSocket upgrade which hashes are valid. Kept apart from the
/// charger entity so that credentials have one small owner and no charger state is needed to check them.
/// Before its first rotation it registers with the <see cref="RotatedStationDirectoryActor"/>: the upgrade of a station
/// the directory does not know skips this entity (and its recovery) altogether.
/// </summary>
public sealed class StationCredentialActor : ReceivePersistentActor
{
    // OCPP 2.x BasicAuthPassword: 16–40 characters (passwordString); letters and digits survive every Basic-auth stack.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private const int PasswordLength = 32;

    public const string PersistenceIdPrefix = "station-credential-";

    private static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(10);

    private sealed record Registered
    {
        public static Registered Instance { get; } = new();
    }

    private sealed record RegistrationFailed(string Reason);

    private readonly string _stationId;
    private readonly IActorRef _chargers;
    private readonly IActorRef _directory;
    private readonly Func<string, string> _hash;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private StationCredentialState _state = StationCredentialState.Empty;
    private IActorRef? _rotationRequester;

    /// <param name="directory">The rotated-station directory region (<see cref="RotatedStationRegion"/>).</param>
    public StationCredentialActor(string stationId, IActorRef chargers, IActorRef directory, Func<string, string>? hash = null,
        TimeProvider? clock = null)
    {
        _stationId = stationId;
        _chargers = chargers;
        _directory = directory;
        _hash = hash ?? (p => PasswordHash.Hash(p));
        _clock = clock ?? TimeProvider.System;

        Recover<IStationCredentialEvent>(e => _state = _state.Apply(e));

        Command<GetStationCredentials>(_ =>
            Sender.Tell(new StationCredentialsView(_stationId, _state.CurrentHash, _state.PendingHash, _state.RotatedAt)));
        Command<RotateStationPassword>(OnRotate);
        Command<Registered>(_ => StartRotation());
        Command<RegistrationFailed>(f => Finish(false, $"the rotated-station directory did not record the station: {f.Reason}"));
        Command<ChargerCommandCompleted>(OnSetVariablesAnswered);
        Command<ConfirmPendingStationPassword>(_ =>
        {
            if (_state.PendingHash is null) return;
            Persist(new StationPasswordRotated(_clock.GetUtcNow()), Apply);
            Finish(true, "the station authenticated with the new password");
        });
        // Idle credentials are cheap to recover: do not keep one entity per connected station in memory.
        Context.SetReceiveTimeout(TimeSpan.FromMinutes(2));
        Command<ReceiveTimeout>(_ =>
        {
            if (_rotationRequester is null) Context.Parent.Tell(new Passivate(StopStationCredential.Instance));
        });
        Command<StopStationCredential>(_ => Context.Stop(Self));
    }

    public override string PersistenceId => PersistenceIdPrefix + _stationId;

    public static Props Props(string stationId, IActorRef chargers, IActorRef directory) =>
        Akka.Actor.Props.Create(() => new StationCredentialActor(stationId, chargers, directory, null, null));

    private void OnRotate(RotateStationPassword rotate)
    {
        var replyTo = rotate.ReplyTo ?? Sender;
        if (_rotationRequester is not null)
        {
            replyTo.Tell(new StationPasswordRotationEnded(_stationId, false, "a rotation is already in progress"));
            return;
        }

        _rotationRequester = replyTo;
        // Registered first (and idempotently): until the directory knows the station, the upgrade never asks this
        // entity, so a hash journaled here would not be checked.
        _directory.Ask<RotatedStationRegistered>(new RegisterRotatedStation(_stationId), RegisterTimeout)
            .PipeTo(Self, success: _ => Registered.Instance, failure: ex => new RegistrationFailed(ex.Message));
    }

    private void StartRotation()
    {
        var password = RandomNumberGenerator.GetString(Alphabet, PasswordLength);
        // Journal the hash before the station can learn the password: if it takes it and we crash, it can still log in.
        Persist(new StationPasswordRotationStarted(_hash(password), _clock.GetUtcNow()), started =>
        {
            Apply(started);
            var payload = JsonSerializer.Serialize(new
            {
                setVariableData = new[]
                {
                    new
                    {
                        attributeValue = password,
                        component = new { name = "SecurityCtrlr" },
                        variable = new { name = "BasicAuthPassword" },
                    },
                },
            });
            _chargers.Tell(new SendChargerCommand(_stationId, "SetVariables", payload, Self));
        });
    }

    private void OnSetVariablesAnswered(ChargerCommandCompleted done)
    {
        if (_state.PendingHash is null) return; // already confirmed by the station's reconnect
        var status = done.Succeeded ? AttributeStatus(done.ResultJson) : null;
        if (status == "Accepted")
        {
            Persist(new StationPasswordRotated(_clock.GetUtcNow()), Apply);
            Finish(true, "the station accepted the new password");
            return;
        }

        var reason = done.Succeeded
            ? $"the station answered {status ?? "without a status"}"
            : $"SetVariables {done.Outcome}: {done.ErrorCode} {done.ErrorDescription}".TrimEnd();
        Persist(new StationPasswordRotationAbandoned(reason, _clock.GetUtcNow()), Apply);
        Finish(false, reason);
    }

    private void Apply(IStationCredentialEvent e) => _state = _state.Apply(e);

    private void Finish(bool rotated, string reason)
    {
        _log.Info("{0}: password rotation {1}: {2}", _stationId, rotated ? "done" : "abandoned", reason);
        _rotationRequester?.Tell(new StationPasswordRotationEnded(_stationId, rotated, reason));
        _rotationRequester = null;
    }

    private static string? AttributeStatus(string? resultJson)
    {
        if (resultJson is null) return null;
        using var json = JsonDocument.Parse(resultJson);
        return json.RootElement.TryGetProperty("setVariableResult", out var results) && results.GetArrayLength() > 0
            ? results[0].GetProperty("attributeStatus").GetString()
            : null;
    }
}
