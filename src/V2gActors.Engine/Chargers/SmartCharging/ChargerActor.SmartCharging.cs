using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.Event;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Engine.Connections;
using V2gActors.Engine.Persistence;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers;

/// <summary>
/// Smart charging in the charger entity: profile commands are checked against <see cref="ChargingProfileRules"/> and the
/// station's reported V2X capability before they are sent, accepted ones are journaled into the state's
/// <see cref="ChargingProfileBook"/> before the requester hears of them, and UpdateDynamicSchedule frames go through the
/// <see cref="SetpointCoalescer{TRequester}"/> (latest per EVSE, minimum change, per-station rate bound). An accepted
/// UpdateDynamicSchedule is the dispatch fast path: it takes effect in the state and is answered at once, and only the
/// latest update per profile is journaled, <see cref="DynamicJournalDelay"/> later (the fleet's dispatch log is the
/// durable record of every setpoint; a journal write per frame would put the database between two dispatches).
/// </summary>
public sealed partial class ChargerActor
{
    /// <summary>A profile command of ours came back from the connection (local, to self).</summary>
    private sealed record ProfileCommandAnswered(string Action, object Request, CommandRequester ReplyTo, ChargerCommandCompleted Done)
        : INoSerializationVerificationNeeded;

    private sealed record SendDueSetpoints : INoSerializationVerificationNeeded
    {
        public static SendDueSetpoints Instance { get; } = new();
    }

    private sealed record JournalDynamicUpdates : INoSerializationVerificationNeeded
    {
        public static JournalDynamicUpdates Instance { get; } = new();
    }

    private const string PacingTimer = "setpoint-pacing";
    private const string DynamicJournalTimer = "journal-dynamic-updates";

    /// <summary>
    /// How long an accepted setpoint update waits for newer ones before the latest is journaled (see
    /// <see cref="WriteBehind"/>): at most one write per station per interval however fast the fleet dispatches. A fixed
    /// 1 s delay meant 2,000 writes in the same instant, every second, for a 1,000-charger fleet under a continuous
    /// frequency event (with its sessions): more than the SQLite journal took, and a timed-out write stops the entity.
    /// </summary>
    internal static readonly TimeSpan DynamicJournalDelay = TimeSpan.FromSeconds(5);

    /// <summary>Accepted updates already in the state, not yet journaled: the latest per profile.</summary>
    private readonly Dictionary<int, DynamicScheduleUpdated> _unjournaledUpdates = [];

    /// <summary>Longer than any connection-side call timeout: the connection always answers first (Timeout/ConnectionLost).</summary>
    private static readonly TimeSpan ProfileAnswerTimeout = TimeSpan.FromMinutes(3);

    private SetpointCoalescer<CommandRequester>? _setpoints;

    /// <summary>Read once per device model (a report replaces the array), not once per command.</summary>
    private (ImmutableArray<DeviceVariable> Model, V2xCapabilities Capabilities)? _capabilities;

    private SetpointCoalescer<CommandRequester> Setpoints => _setpoints ??= new(_settings.SetpointPacing ?? SetpointPacing.Default);

    private void ReceiveSmartCharging()
    {
        Command<GetInstalledChargingProfiles>(_ => Sender.Tell(new InstalledChargingProfilesView(_stationId,
            [.. _state.Profiles.Profiles.Values.OrderBy(p => p.EvseId).ThenBy(p => p.StackLevel).ThenBy(p => p.ProfileId)])));
        Command<GetExpectedCompositeSchedule>(OnExpectedComposite);
        Command<ProfileCommandAnswered>(OnProfileCommandAnswered);
        Command<SendSetpointUpdate>(update => OfferUpdate(update.ToRequest(), new CommandRequester(update.ReplyTo ?? Sender, update.Correlation)));
        Command<SendDueSetpoints>(_ => SendDue());
        Command<JournalDynamicUpdates>(_ => JournalLatestUpdates());
    }

    /// <summary>True when the command is a profile command handled here (checked, possibly coalesced or refused).</summary>
    private bool TryHandleProfileCommand(SendChargerCommand command, CommandRequester replyTo)
    {
        if (command.Action is not (SmartChargingActions.SetChargingProfile or SmartChargingActions.ClearChargingProfile
            or SmartChargingActions.UpdateDynamicSchedule)) return false;
        // Undecodable payloads take the ordinary path, which refuses them with the schema's reason.
        if (!OcppPayloadCodec.TryDecode(OcppVersion.V21, command.Action, OcppPayloadKind.Request, Encoding.UTF8.GetBytes(command.PayloadJson),
                out var request, out _)) return false;

        if (request is UpdateDynamicScheduleRequest dynamic)
        {
            OfferUpdate(dynamic, replyTo);
            return true;
        }
        if (request is SetChargingProfileRequest set && ChargingProfileRules.Check(set, _state.Profiles, Capabilities) is { } refusal)
        {
            RefuseBeforeSending(command.Action, refusal, replyTo);
            return true;
        }
        SendTracked(command.Action, Encoding.UTF8.GetBytes(command.PayloadJson), request!, replyTo);
        return true;
    }

    private V2xCapabilities Capabilities
    {
        get
        {
            if (_capabilities is not { } known || known.Model != _state.DeviceModel)
                _capabilities = known = (_state.DeviceModel, V2xCapabilities.From(_state.DeviceModel));
            return known.Capabilities;
        }
    }

    private void RefuseBeforeSending(string action, string refusal, CommandRequester replyTo)
    {
        _log.Warning("{0}: {1} refused before sending: {2}", _stationId, action, refusal);
        replyTo.Tell(new ChargerCommandCompleted(_stationId, action, CommandOutcome.Invalid, null, "SemanticRule", $"Not sent: {refusal}."));
    }

    /// <summary>Checks a setpoint update against the installed profile, then hands it to the coalescer.</summary>
    private void OfferUpdate(UpdateDynamicScheduleRequest update, CommandRequester replyTo)
    {
        const string action = SmartChargingActions.UpdateDynamicSchedule;
        if (ChargingProfileRules.Check(update, _state.Profiles, Capabilities) is { } refusal)
        {
            RefuseBeforeSending(action, refusal, replyTo);
            return;
        }
        var superseded = Setpoints.Offer(new QueuedSetpoint<CommandRequester>(update.ChargingProfileId, update.ScheduleUpdate, replyTo),
            out var wasSuperseded);
        if (wasSuperseded)
            superseded.Tell(new ChargerCommandCompleted(_stationId, action, CommandOutcome.Superseded, null, null,
                $"Not sent: superseded by a newer update of profile {update.ChargingProfileId} before it left."));
        SendDue();
    }

    private void SendTracked(string action, byte[] payload, object request, CommandRequester replyTo)
    {
        // The payload was decoded against the 2.1 schema (TryHandleProfileCommand) or encoded from the 2.1 model
        // (SendDue): only a connection of another edition needs the check for what it lacks.
        var refused = _connection is not null && _version == OcppVersion.V21
            ? null
            : RefuseSending(action, Encoding.UTF8.GetString(payload), out payload);
        if (refused is not null)
        {
            Self.Tell(new ProfileCommandAnswered(action, request, replyTo, refused));
            return;
        }
        _connection!.Ask<ChargerCommandCompleted>(
                (Func<IActorRef, object>)(asker => new SendCallToCharger(_stationId, action, payload, asker)), ProfileAnswerTimeout,
                CancellationToken.None)
            .PipeTo(Self,
                success: done => new ProfileCommandAnswered(action, request, replyTo, done),
                failure: ex => new ProfileCommandAnswered(action, request, replyTo,
                    new ChargerCommandCompleted(_stationId, action, CommandOutcome.Timeout, null, null, ex.Message)));
        Metrics.DispatchLatencyStamps.CommandForwarded(Context.System, _stationId, action, _clock.GetUtcNow());
    }

    private void SendDue()
    {
        var (unchanged, send, retryIn) = Setpoints.Next(_clock.GetUtcNow());
        foreach (var (update, held) in unchanged)
            update.Requester.Tell(new ChargerCommandCompleted(_stationId, SmartChargingActions.UpdateDynamicSchedule, CommandOutcome.Completed,
                held, null, "Not sent: within the minimum change of what the station already holds."));
        if (send is not null)
        {
            var request = new UpdateDynamicScheduleRequest { ChargingProfileId = send.ProfileId, ScheduleUpdate = send.Update };
            SendTracked(SmartChargingActions.UpdateDynamicSchedule, OcppPayloadCodec.Encode(request), request, send.Requester);
        }
        if (retryIn is { } wait) Timers.StartSingleTimer(PacingTimer, SendDueSetpoints.Instance, wait);
    }

    private void OnProfileCommandAnswered(ProfileCommandAnswered answer)
    {
        var accepted = answer.Done.Succeeded && SmartChargingActions.IsAccepted(answer.Action, answer.Done.ResultJson);
        var now = _clock.GetUtcNow();
        IChargingProfileEvent? journal = null;
        switch (answer.Request)
        {
            case SetChargingProfileRequest set:
                Setpoints.Forget(set.ChargingProfile.Id);
                if (accepted) journal = new ChargingProfileInstalled(ChargingProfileBook.Record(set, now));
                break;
            case ClearChargingProfileRequest clear:
                var cleared = _state.Profiles.Matching(clear);
                foreach (var id in cleared) Setpoints.Forget(id);
                if (accepted && !cleared.IsEmpty) journal = new ChargingProfilesCleared(cleared, now);
                break;
            case UpdateDynamicScheduleRequest update:
                Setpoints.Answered(update.ChargingProfileId, accepted, answer.Done.ResultJson);
                if (accepted) HoldUpdate(new DynamicScheduleUpdated(update.ChargingProfileId, now, ChargingProfileBook.Json(update.ScheduleUpdate)));
                answer.ReplyTo.Tell(answer.Done);
                SendDue();
                return;
        }

        if (journal is null)
        {
            answer.ReplyTo.Tell(answer.Done);
            return;
        }
        // Acknowledged ⇒ durable: the requester hears of an installed or cleared profile once the entity's record of it
        // is journaled. Pending setpoint updates of the profile go first, so replay sees them in the order they happened.
        JournalLatestUpdates();
        Persist(journal, e =>
        {
            _state = _state.Apply(e);
            if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state);
            answer.ReplyTo.Tell(answer.Done);
        });
    }

    /// <summary>Applies an accepted setpoint update now and journals the latest of its profile a moment later.</summary>
    private void HoldUpdate(DynamicScheduleUpdated updated)
    {
        _state = _state.Apply(updated);
        _unjournaledUpdates[updated.ProfileId] = updated;
        if (!Timers.IsTimerActive(DynamicJournalTimer))
            Timers.StartSingleTimer(DynamicJournalTimer, JournalDynamicUpdates.Instance, WriteBehind.Delay(DynamicJournalDelay));
    }

    /// <summary>Journals the held updates beside the traffic (PersistAllAsync: nothing waits for them; Apply is idempotent).</summary>
    private void JournalLatestUpdates()
    {
        if (_unjournaledUpdates.Count == 0) return;
        Timers.Cancel(DynamicJournalTimer);
        var updates = _unjournaledUpdates.Values.ToList();
        _unjournaledUpdates.Clear();
        PersistAllAsync(updates, _ =>
        {
            if (LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state);
        });
    }

    /// <summary>Passivation: the held setpoint updates are journaled before the entity stops.</summary>
    private void StopAfterJournaling(StopCharger stop)
    {
        JournalLatestUpdates();
        DeferAsync(stop, _ => Context.Stop(Self));
    }

    /// <summary>Updates that never left are answered as such when the station goes offline.</summary>
    private void DropWaitingSetpoints()
    {
        if (_setpoints is null) return;
        Timers.Cancel(PacingTimer);
        foreach (var waiting in _setpoints.DrainWaiting())
            waiting.Requester.Tell(new ChargerCommandCompleted(_stationId, SmartChargingActions.UpdateDynamicSchedule, CommandOutcome.Offline,
                null, null, $"Station {_stationId} went offline before the update was sent."));
    }

    private void OnExpectedComposite(GetExpectedCompositeSchedule query)
    {
        var unit = query.ChargingRateUnit == "A" ? ChargingRateUnitEnumType.A : ChargingRateUnitEnumType.W;
        var context = new CompositeContext(
            _state.OpenTransactions.Values.ToImmutableDictionary(t => t.TransactionId, t => t.StartedAt), []);
        var schedule = CompositeSchedule.Compute([.. _state.Profiles.Profiles.Values.Select(ProfileInForce.From)], query.EvseId,
            _clock.GetUtcNow(), query.DurationSeconds, unit, context);
        Sender.Tell(new ExpectedCompositeScheduleView(_stationId, query.EvseId, ChargingProfileBook.Json(schedule)));
    }
}
