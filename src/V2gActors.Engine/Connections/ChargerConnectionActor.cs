using System.Text;
using Akka.Actor;
using Akka.Event;
using V2gActors.Engine.Chargers;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Engine.Connections;

/// <summary>A frame the transport read from the socket (local only: never crosses nodes).</summary>
public sealed record InboundFrame(OcppFrame Frame);

/// <summary>The transport saw the socket close (local only).</summary>
public sealed record ConnectionClosed(string Reason);

/// <summary>
/// One per open WebSocket, on the node holding the socket. Inbound CALLs go straight to the sharded charger entity
/// (no queue here, the entity answers through this actor); CSMS→charger commands go through their own
/// <see cref="OutboundCallTracker{TContext}"/> queue, so a command never waits behind charger telemetry.
/// </summary>
public sealed class ChargerConnectionActor : ReceiveActor, IWithTimers
{
    private sealed record CheckDeadline
    {
        public static CheckDeadline Instance { get; } = new();
    }

    private sealed record AnnounceAgain
    {
        public static AnnounceAgain Instance { get; } = new();
    }

    private const string DeadlineTimer = "deadline";
    private const string AnnounceTimer = "announce-again";

    /// <summary>
    /// When an entity's node dies, this actor may hear of it a moment before the local shard region does, and an
    /// announcement sent in between goes to the dead node. One more, later, reaches the shard's new home.
    /// </summary>
    internal static readonly TimeSpan AnnounceAgainAfter = TimeSpan.FromSeconds(5);

    private readonly IOcppConnection _connection;
    private readonly IActorRef _chargers;
    private readonly TimeSpan _callTimeout;
    private readonly TimeProvider _time;
    private readonly OutboundCallTracker<SendCallToCharger> _outbound;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _closedByPeer;
    private IActorRef? _entity;

    public ChargerConnectionActor(IOcppConnection connection, IActorRef chargers, TimeSpan callTimeout, TimeProvider? time = null)
    {
        _connection = connection;
        _chargers = chargers;
        _callTimeout = callTimeout;
        _time = time ?? TimeProvider.System;
        _outbound = new OutboundCallTracker<SendCallToCharger>(_time);

        Receive<InboundFrame>(f => OnInbound(f.Frame));
        Receive<SendCallResult>(r =>
        {
            FollowEntity();
            Write(new CallResultFrame(r.MessageId, r.Payload));
        });
        Receive<SendCallError>(e =>
        {
            FollowEntity();
            Write(new CallErrorFrame(e.MessageId, e.Code, OcppFrameCodec.TrimDescription(e.Description), default));
        });
        Receive<SendCallToCharger>(c =>
        {
            FollowEntity();
            OnCommand(c);
        });
        Receive<Terminated>(OnEntityStopped);
        Receive<AnnounceAgain>(_ => Announce());
        Receive<CheckDeadline>(_ => Step(_outbound.ExpireDue()));
        Receive<ConnectionClosed>(OnClosed);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IOcppConnection connection, IActorRef chargers, TimeSpan callTimeout) =>
        Akka.Actor.Props.Create(() => new ChargerConnectionActor(connection, chargers, callTimeout, null));

    protected override void PreStart() => Announce();

    private void Announce() =>
        _chargers.Tell(new ChargerConnected(_connection.StationId, _connection.ConnectionId, _connection.Version, Self));

    /// <summary>Watches the entity that answers through this socket (it lives wherever its shard is, maybe another node).</summary>
    private void FollowEntity()
    {
        if (Sender.IsNobody() || Sender.Equals(_entity)) return;
        if (_entity is not null) Context.Unwatch(_entity);
        _entity = Sender;
        Context.Watch(_entity);
    }

    /// <summary>
    /// The entity stopped: its shard was handed off (rebalance, a node leaving) or its node died. The next incarnation
    /// recovers from the journal but cannot know this socket, and a quiet charger may not speak for minutes; until it
    /// did, commands would find the station offline. Announcing again starts (or reaches) the next incarnation at once.
    /// </summary>
    private void OnEntityStopped(Terminated stopped)
    {
        if (!stopped.ActorRef.Equals(_entity)) return;
        _entity = null;
        Announce();
        Timers.StartSingleTimer(AnnounceTimer, AnnounceAgain.Instance, AnnounceAgainAfter);
    }

    protected override void PostStop()
    {
        foreach (var aborted in _outbound.AbortAll("connection closed")) Complete(aborted);
        if (_closedByPeer) return;
        // Stopped for any other reason (a fault, node shutdown): the socket must not outlive its actor, otherwise the
        // charger would keep talking to nobody. Closing makes it reconnect, possibly to another node.
        _chargers.Tell(new ChargerDisconnected(_connection.StationId, _connection.ConnectionId));
        _ = _connection.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.InternalServerError, "connection actor stopped");
    }

    private void OnInbound(OcppFrame frame)
    {
        switch (frame)
        {
            case CallFrame call:
                _chargers.Tell(new OcppCallReceived(_connection.StationId, _connection.ConnectionId, _connection.Version,
                    call.MessageId, call.Action, call.Payload.ToArray(), Self));
                break;
            case CallResultFrame or CallErrorFrame:
                var step = _outbound.OnResponse(frame);
                if (step.Completed is null) OnUnmatchedResponse(frame);
                else Step(step);
                break;
            case CallResultErrorFrame error:
                // The charger could not process one of our CALLRESULTs; nothing to retry, but worth seeing.
                _log.Warning("{0}: charger rejected our CALLRESULT {1}: {2} {3}", _connection.StationId, error.MessageId,
                    error.ErrorCode, error.ErrorDescription);
                break;
            case SendFrame send:
                _log.Debug("{0}: SEND {1} ignored (no handler for unconfirmed messages yet)", _connection.StationId, send.Action);
                break;
        }
    }

    private void OnUnmatchedResponse(OcppFrame frame)
    {
        if (frame is CallResultFrame && _connection.Version == OcppVersion.V21)
        {
            Write(new CallResultErrorFrame(frame.MessageId, OcppErrorCode.GenericError,
                "No outstanding CALL has this message id (unknown or already timed out)", default));
            return;
        }
        _log.Warning("{0}: ignoring {1} for unknown message id {2}", _connection.StationId, frame.Type, frame.MessageId);
    }

    private void OnCommand(SendCallToCharger command)
    {
        var frame = _outbound.Enqueue(command.Action, command.Payload, _callTimeout, command, out _);
        if (frame is not null) SendOutbound(frame);
    }

    private void Step(TrackerStep<SendCallToCharger> step)
    {
        if (step.Completed is { } completed) Complete(completed);
        if (step.SendNext is { } next) SendOutbound(next);
        else if (_outbound.Outstanding is null) Timers.Cancel(DeadlineTimer);
    }

    private void SendOutbound(CallFrame frame)
    {
        Write(frame);
        Metrics.DispatchLatencyStamps.FrameWritten(Context.System, _connection.StationId, frame.Action, _time.GetUtcNow());
        var due = _outbound.NextDeadline!.Value - _time.GetUtcNow();
        Timers.StartSingleTimer(DeadlineTimer, CheckDeadline.Instance, due > TimeSpan.Zero ? due : TimeSpan.Zero);
    }

    private void Complete(CallCompletion<SendCallToCharger> completion)
    {
        var command = completion.Call.Context;
        ChargerCommandCompleted reply = completion.Outcome switch
        {
            CallSucceeded ok => new(command.StationId, command.Action, CommandOutcome.Completed, Encoding.UTF8.GetString(ok.Payload.Span)),
            CallFailed failed => new(command.StationId, command.Action, CommandOutcome.CallError, null,
                failed.ErrorCode.ToWireName(), failed.ErrorDescription),
            CallTimedOut timedOut => new(command.StationId, command.Action, CommandOutcome.Timeout, null, null,
                $"No answer from the charger within {timedOut.Timeout.TotalSeconds:0.#} s"),
            CallAborted aborted => new(command.StationId, command.Action, CommandOutcome.ConnectionLost, null, null, aborted.Reason),
            _ => new(command.StationId, command.Action, CommandOutcome.ConnectionLost, null, null, completion.Outcome.ToString()),
        };
        command.ReplyTo.Tell(reply);
    }

    private void OnClosed(ConnectionClosed closed)
    {
        _closedByPeer = true;
        _chargers.Tell(new ChargerDisconnected(_connection.StationId, _connection.ConnectionId));
        _log.Info("{0}: connection {1} closed ({2})", _connection.StationId, _connection.ConnectionId, closed.Reason);
        Context.Stop(Self);
    }

    private void Write(OcppFrame frame)
    {
        var sending = _connection.SendAsync(frame);
        if (sending.IsCompletedSuccessfully) return;
        var log = _log;
        var stationId = _connection.StationId;
        sending.AsTask().ContinueWith(
            t => log.Warning("{0}: could not queue {1} {2}: {3}", stationId, frame.Type, frame.MessageId, t.Exception?.GetBaseException().Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
