using Akka.Actor;
using Akka.Event;
using V2gActors.Domain.Grid;
using V2gActors.Engine.Fleets;
using V2gActors.Engine.Grid;
using V2gActors.Ieee2030_5.Aggregator;
using V2gActors.Ieee2030_5.Client;
using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Node.Csip;

/// <summary>What one <see cref="CsipFleetActor"/> needs: the options, its fleet, and where controls and queries go.</summary>
public sealed record CsipFleetSettings(
    CsipOptions Options,
    CsipFleetOptions Fleet,
    ICsipConnectionSource Connection,
    IActorRef GridIngress,
    IActorRef Fleets,
    CsipStatusBoard Board);

/// <summary>
/// One fleet as one CSIP EndDevice. It runs a <see cref="CsipClient"/> (discovery, programs by subscription or polling,
/// arbitration), forwards the arbitrated control to <see cref="GridIngressActor"/> as protocol-neutral controls (one per
/// kind, replaced in place, withdrawn when no longer in force), posts each event's Responses from what the fleet really
/// did (<see cref="EventResponsePlan"/>: "started" only once the chargers acknowledged the dispatch), and uploads the
/// fleet's DER documents and metered power. Network work runs as tasks piped back, so the mailbox keeps the order.
/// </summary>
public sealed class CsipFleetActor : ReceiveActor, IWithTimers
{
    private sealed record Connect : INoSerializationVerificationNeeded;
    private sealed record Connected(CsipClient Client, string MirrorHref) : INoSerializationVerificationNeeded;
    private sealed record ConnectFailed(Exception Cause) : INoSerializationVerificationNeeded;
    private sealed record Evaluated(EffectiveControl Control) : INoSerializationVerificationNeeded;
    private sealed record CurvesFetched(IReadOnlyDictionary<string, DERCurve?> Curves) : INoSerializationVerificationNeeded;
    private sealed record ReportTick : INoSerializationVerificationNeeded;
    private sealed record FleetSeen(FleetStateView View, bool ForWatches) : INoSerializationVerificationNeeded;
    private sealed record ReportDone(Exception? Failure) : INoSerializationVerificationNeeded;
    private sealed record WatchTick : INoSerializationVerificationNeeded;
    private sealed record Posted(ResponseToPost Post, bool Sent) : INoSerializationVerificationNeeded;
    private sealed record PostFailed(Exception Cause) : INoSerializationVerificationNeeded;
    private sealed record PumpOutbox : INoSerializationVerificationNeeded;

    private sealed record Forwarded(MappedControl Mapped, string Fingerprint);

    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(10);

    private readonly CsipFleetSettings _s;
    private readonly string _fleetId;
    private readonly string _prefix;
    private readonly byte[] _lfdi;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly EventResponsePlan _plan = new();
    private readonly Dictionary<string, DERCurve?> _curves = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fetching = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Forwarded> _forwarded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _watches = new(StringComparer.Ordinal);
    private readonly Queue<ResponseToPost> _outbox = new();
    private CsipClient? _client;
    private string? _mirrorHref;
    private EffectiveControl? _latest;
    private DerRatings _ratings;
    private double? _referencePowerW;
    private string? _capabilityKey;
    private bool _posting;
    private bool _reporting;
    private bool _watching;

    public CsipFleetActor(CsipFleetSettings settings)
    {
        _s = settings;
        _fleetId = settings.Fleet.FleetId;
        _prefix = $"csip:{_fleetId}";
        _lfdi = settings.Fleet.LfdiBytes();
        _ratings = new DerRatings(0, 0, settings.Options.NominalFrequencyHz);

        ReceiveAsync<Connect>(_ => ConnectAsync());
        Receive<Connected>(OnConnected);
        Receive<ConnectFailed>(f =>
        {
            _log.Warning("CSIP fleet {0}: connecting to the 2030.5 server failed ({1}); retrying in {2} s", _fleetId, f.Cause.Message,
                _s.Options.ReconnectSeconds);
            Board(s => s with { Connected = false, LastError = f.Cause.Message });
            Timers.StartSingleTimer("connect", new Connect(), TimeSpan.FromSeconds(_s.Options.ReconnectSeconds));
        });
        Receive<Evaluated>(OnEvaluated);
        Receive<CurvesFetched>(fetched =>
        {
            foreach (var (href, curve) in fetched.Curves)
            {
                _curves[href] = curve;
                _fetching.Remove(href);
            }
            ForwardLatest();
        });
        Receive<ReportTick>(_ => AskFleet(forWatches: false));
        Receive<WatchTick>(_ => AskFleet(forWatches: true));
        Receive<FleetSeen>(seen =>
        {
            if (seen.ForWatches) OnWatches(seen.View);
            else OnReport(seen.View);
        });
        Receive<ReportDone>(done =>
        {
            _reporting = false;
            if (done.Failure is { } e)
            {
                _capabilityKey = null; // upload capability and settings again next time
                _log.Warning("CSIP fleet {0}: report failed: {1}", _fleetId, e.Message);
                Board(s => s with { LastError = e.Message });
            }
            else Board(s => s with { LastReportAt = DateTimeOffset.UtcNow });
        });
        Receive<PumpOutbox>(_ => Pump());
        Receive<Posted>(posted =>
        {
            _outbox.Dequeue();
            _posting = false;
            if (posted.Sent)
                Board(s => s with { ResponsesPosted = Increment(s.ResponsesPosted, posted.Post.Status) });
            Pump();
        });
        Receive<PostFailed>(failed =>
        {
            _posting = false;
            _log.Warning("CSIP fleet {0}: posting a Response failed ({1}); retrying", _fleetId, failed.Cause.Message);
            Timers.StartSingleTimer("pump", new PumpOutbox(), TimeSpan.FromSeconds(2));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CsipFleetSettings settings) => Akka.Actor.Props.Create(() => new CsipFleetActor(settings));

    protected override void PreStart()
    {
        Board(s => s);
        if (_s.Fleet.ReferencePowerW > 0) AssignReference(_s.Fleet.ReferencePowerW);
        Self.Tell(new Connect());
    }

    protected override void PostStop()
    {
        // The client owns sockets and a notification listener; let it close them off the actor's thread.
        if (_client is { } client) _ = client.DisposeAsync().AsTask();
    }

    // ---- connection ---------------------------------------------------------------------------------------------

    private async Task ConnectAsync()
    {
        var self = Self;
        var o = _s.Options;
        try
        {
            var connection = await _s.Connection.GetAsync(CancellationToken.None);
            var client = await CsipClient.ConnectAsync(new CsipClientOptions
            {
                ServerBaseAddress = connection.ServerBaseAddress, ClientCertificate = connection.ClientCertificate,
                TrustedRoot = connection.TrustedRoot, DeviceCapabilityPath = o.DeviceCapabilityPath, EndDeviceLfdi = _lfdi,
                AutomaticResponses = false, RandomizationSeed = BitConverter.ToUInt64(_lfdi, 0),
            });
            try
            {
                client.ControlEvaluated += control => self.Tell(new Evaluated(control));
                var mirror = await client.Metering.CreateAsync(AggregatedDerReports.MirrorUsagePoint(_lfdi, $"fleet {_fleetId}",
                    (uint)Math.Max(1, o.ReportEverySeconds)));
                await client.PollOnceAsync();
                if (string.Equals(o.Mode, "Subscribe", StringComparison.OrdinalIgnoreCase)) await client.SubscribeAsync();
                client.StartPolling(o.PollSeconds > 0 ? TimeSpan.FromSeconds(o.PollSeconds) : null,
                    TimeSpan.FromSeconds(Math.Max(0.1, o.EvaluateEverySeconds)));
                self.Tell(new Connected(client, mirror));
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }
        }
        catch (Exception e)
        {
            self.Tell(new ConnectFailed(e));
        }
    }

    private void OnConnected(Connected connected)
    {
        _client = connected.Client;
        _mirrorHref = connected.MirrorHref;
        _log.Info("CSIP fleet {0}: registered as EndDevice {1} at {2}", _fleetId, _client.Site.EndDevice.Href,
            _client.Site.DeviceCapability.Href);
        Board(s => s with { Connected = true, EndDevice = _client.Site.EndDevice.Href, LastError = null });
        Timers.StartPeriodicTimer("report", new ReportTick(), TimeSpan.Zero, TimeSpan.FromSeconds(Math.Max(1, _s.Options.ReportEverySeconds)));
        if (_latest is { } latest) OnEvaluated(new Evaluated(latest with { Arbitration = latest.Arbitration with { Transitions = [] } }));
        Pump();
    }

    // ---- controls: arbitrated control → GridIngress; transitions → Responses -----------------------------------

    private void OnEvaluated(Evaluated evaluated)
    {
        _latest = evaluated.Control;
        Enqueue(_plan.OnTransitions(evaluated.Control.Arbitration.Transitions));
        Board(s => s with { ActiveEvents = evaluated.Control.Arbitration.ActiveEventMrids });

        if (_client is not { } client) return; // evaluations during connect: forwarded once connected
        var missing = CurveLinks(evaluated.Control.Control).Where(h => !_curves.ContainsKey(h) && !_fetching.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            _fetching.UnionWith(missing);
            FetchCurvesAsync(client, missing).PipeTo(Self);
        }
        // Curves on their way: CurvesFetched forwards the latest control when they are here.
        if (!CurveLinks(evaluated.Control.Control).Any(_fetching.Contains)) ForwardLatest();
    }

    private static async Task<CurvesFetched> FetchCurvesAsync(CsipClient client, List<string> hrefs)
    {
        var curves = new Dictionary<string, DERCurve?>(StringComparer.Ordinal);
        foreach (var href in hrefs)
        {
            try { curves[href] = await client.GetCurveAsync(href); }
            catch (Exception e) when (e is SepHttpException or HttpRequestException or V2gActors.Ieee2030_5.Xml.SepXmlException) { curves[href] = null; }
        }
        return new CurvesFetched(curves);
    }

    private void ForwardLatest()
    {
        if (_latest is not { } control || _client is not { } client) return;
        var primacy = client.Programs.ToDictionary(p => p.ProgramId, p => (int)p.Program.Primacy, StringComparer.Ordinal);
        var priority = control.Arbitration.ActiveModes.Values.Select(s => primacy.GetValueOrDefault(s.ProgramId)).DefaultIfEmpty(0).Min();
        var mapping = GridControlMapping.Map(control.Control, _prefix, ControlWindow.Default(priority), _ratings,
            href => _curves.GetValueOrDefault(href));
        var sources = string.Join(",", control.Arbitration.ActiveModes.Select(m => $"{m.Key}={m.Value}"));

        var now = DateTimeOffset.UtcNow;
        var current = mapping.Controls.ToDictionary(c => c.Kind, StringComparer.Ordinal);
        foreach (var (kind, mapped) in current)
        {
            var fingerprint = $"{mapped.Summary}|{priority}|{sources}";
            if (_forwarded.TryGetValue(kind, out var before) && before.Fingerprint == fingerprint) continue;
            _s.GridIngress.Tell(new GridControlReceived([_fleetId], mapped.Control));
            _forwarded[kind] = new Forwarded(mapped, fingerprint);
        }
        foreach (var kind in _forwarded.Keys.Where(k => !current.ContainsKey(k)).ToList())
        {
            // A window that closes as it opens replaces the control in GridIngress and expires at once.
            var old = _forwarded[kind].Mapped.Control;
            _s.GridIngress.Tell(new GridControlReceived([_fleetId], old with { Window = new ControlWindow(now, TimeSpan.Zero, old.Window.Priority) }));
            _forwarded.Remove(kind);
        }
        foreach (var problem in mapping.Problems) _log.Warning("CSIP fleet {0}: {1}", _fleetId, problem);
        Board(s => s with { ActiveControls = mapping.Controls.Select(c => c.Summary).ToList() });

        WatchAwaitingEvents(client, now);
    }

    /// <summary>Events the arbiter started: those the fleet cannot follow at all are rejected now, the others watched.</summary>
    private void WatchAwaitingEvents(CsipClient client, DateTimeOffset now)
    {
        foreach (var mrid in _plan.AwaitingFleet.Where(m => !_watches.ContainsKey(m)))
        {
            var control = client.Programs.SelectMany(p => p.Controls).FirstOrDefault(c => c.MRID is not null && Convert.ToHexString(c.MRID) == mrid);
            var own = control is null ? null : GridControlMapping.Map(control.DERControlBase, _prefix, ControlWindow.Default(0), _ratings,
                href => _curves.GetValueOrDefault(href));
            if (own is { Controls.Count: 0 })
            {
                Enqueue(_plan.OnFleetOutcome(mrid, own.Problems.Count > 0 ? FleetOutcome.Infeasible : FleetOutcome.NotApplicable));
                continue;
            }
            // A dispatch this forward caused is stamped at ingress no earlier than now.
            _watches[mrid] = now;
        }
        if (_watches.Count > 0 && !_watching)
        {
            _watching = true;
            Timers.StartPeriodicTimer("watch", new WatchTick(), TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>
    /// For each watched event: the first dispatch our controls caused after it was forwarded decides, once every frame is
    /// answered (any accepted → started; none → infeasible; no members → not applicable). No such dispatch within the
    /// grace period means the fleet's target did not need to move: it already holds what the event asks.
    /// </summary>
    private void OnWatches(FleetStateView view)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (mrid, since) in _watches.ToList())
        {
            var dispatch = view.RecentDispatches.FirstOrDefault(d =>
                d.Source.StartsWith($"grid:{_prefix}:", StringComparison.Ordinal) && d.IngressAt >= since);
            FleetOutcome? outcome = dispatch switch
            {
                { Frames.Length: 0 } => FleetOutcome.NotApplicable,
                { AllAnswered: true } d => d.Frames.Any(f => f.Accepted == true) ? FleetOutcome.Applied : FleetOutcome.Infeasible,
                null when now - since > TimeSpan.FromSeconds(_s.Options.NoDispatchGraceSeconds) =>
                    view.Members.Length == 0 ? FleetOutcome.NotApplicable : FleetOutcome.Applied,
                _ => null,
            };
            if (outcome is null && now - since > TimeSpan.FromSeconds(_s.Options.FleetOutcomeTimeoutSeconds)) outcome = FleetOutcome.Infeasible;
            if (outcome is not { } o) continue;
            _watches.Remove(mrid);
            Enqueue(_plan.OnFleetOutcome(mrid, o));
        }
        if (_watches.Count == 0 && _watching)
        {
            _watching = false;
            Timers.Cancel("watch");
        }
    }

    // ---- Responses, strictly in order ---------------------------------------------------------------------------

    private void Enqueue(IReadOnlyList<ResponseToPost> posts)
    {
        foreach (var p in posts) _outbox.Enqueue(p);
        Pump();
    }

    private void Pump()
    {
        if (_posting || _client is not { } client || !_outbox.TryPeek(out var next)) return;
        _posting = true;
        client.RespondAsync(next.Mrid, next.Status).PipeTo(Self,
            success: sent => new Posted(next, sent),
            failure: e => new PostFailed(e));
    }

    // ---- reports: DER documents and metering from the fleet's live state ----------------------------------------

    private void AskFleet(bool forWatches) =>
        _s.Fleets.Ask<FleetStateView>(new GetFleetState(_fleetId), Ask).PipeTo(Self,
            success: view => new FleetSeen(view, forWatches),
            failure: e => forWatches ? new WatchTick() : new ReportDone(e));

    private void OnReport(FleetStateView view)
    {
        var der = FleetDerSnapshot.Of(view);
        var ratings = FleetDerSnapshot.Ratings(der, _s.Options.NominalFrequencyHz);
        if (ratings != _ratings)
        {
            _ratings = ratings;
            if (_s.Fleet.ReferencePowerW <= 0) AssignReference(der.MaxChargeW + der.MaxDischargeW);
            ForwardLatest(); // percentage modes scale with the ratings
        }
        if (_reporting || _client is not { } client || _mirrorHref is not { } mirror) return;
        _reporting = true;
        var capabilityKey = $"{der.MaxChargeW}/{der.MaxDischargeW}";
        var withCapability = capabilityKey != _capabilityKey;
        _capabilityKey = capabilityKey;
        ReportAsync(client, mirror, der, withCapability).PipeTo(Self, success: () => new ReportDone(null), failure: e => new ReportDone(e));
    }

    private async Task ReportAsync(CsipClient client, string mirror, AggregatedDer der, bool withCapability)
    {
        var der1 = client.Der ?? throw new InvalidOperationException("the EndDevice lists no DER");
        var now = client.ServerNow;
        if (withCapability)
        {
            await der1.ReportCapabilityAsync(AggregatedDerReports.Capability(der));
            await der1.ReportSettingsAsync(AggregatedDerReports.Settings(der, now));
        }
        await der1.ReportStatusAsync(AggregatedDerReports.Status(der, now));
        await der1.ReportAvailabilityAsync(AggregatedDerReports.Availability(der, now));
        await client.Metering.PostAsync(mirror, AggregatedDerReports.PowerReading(_lfdi, der.ActualW ?? der.HeldW, now,
            (uint)Math.Max(1, _s.Options.ReportEverySeconds)));
    }

    private void AssignReference(double watts)
    {
        if (_referencePowerW == watts) return;
        _referencePowerW = watts;
        _s.GridIngress.Tell(new AssignFleetToGrid(_fleetId, watts));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void Board(Func<CsipFleetStatus, CsipFleetStatus> change) => _s.Board.Update(_fleetId, change);

    private static IReadOnlyDictionary<Domain.Events.ResponseStatus, int> Increment(
        IReadOnlyDictionary<Domain.Events.ResponseStatus, int> counts, Domain.Events.ResponseStatus status) =>
        new Dictionary<Domain.Events.ResponseStatus, int>(counts) { [status] = counts.GetValueOrDefault(status) + 1 };

    private static IEnumerable<string> CurveLinks(DERControlBase b) =>
        new[] { b.OpModFreqWatt, b.OpModVoltVar, b.OpModVoltWatt }.Where(l => l is { Disabled: not true }).Select(l => l!.Href).OfType<string>();
}
