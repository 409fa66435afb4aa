using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>
/// An aggregator's connection to one CSIP server for one EndDevice: discovery and registration, DER programs
/// by polling and by subscription, event Responses, and status/metering uploads. Each job lives in its own
/// collaborator; this class wires them and keeps the latest program views.
/// </summary>
public sealed class CsipClient : IAsyncDisposable
{
    private readonly SepHttpClient _http;
    private readonly CsipClientOptions _options;
    private readonly DerProgramReader _programs;
    private readonly EventResponder _responder;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _subscriptionHrefs = [];
    private IReadOnlyList<DerProgramView> _views = [];
    private NotificationListener? _listener;
    private Task? _polling;

    private CsipClient(SepHttpClient http, CsipClientOptions options, DiscoveredSite site)
    {
        _http = http;
        _options = options;
        Site = site;
        _programs = new DerProgramReader(http, options.PageSize);
        var lfdi = site.EndDevice.LFDI ?? throw new InvalidOperationException("the EndDevice has no LFDI");
        _responder = new EventResponder(http, Convert.ToHexString(lfdi), lfdi, options.RandomizationSeed, options.AutomaticResponses);
        Metering = new MirrorMeteringReporter(http, site.DeviceCapability);
    }

    public DiscoveredSite Site { get; }
    public IReadOnlyList<DerProgramView> Programs => Volatile.Read(ref _views);
    public MirrorMeteringReporter Metering { get; }
    public DerReporter? Der { get; private set; }

    /// <summary>The control the DER must follow, updated after every poll or notification.</summary>
    public EffectiveControl? Current { get; private set; }

    /// <summary>Raised after every evaluation (poll or notification) with the control now in force.</summary>
    public event Action<EffectiveControl>? ControlEvaluated;

    public static async Task<CsipClient> ConnectAsync(CsipClientOptions options, CancellationToken ct = default)
    {
        var http = new SepHttpClient(options.ServerBaseAddress, options.ClientCertificate, options.TrustedRoot);
        try
        {
            var site = await CsipDiscovery.DiscoverAsync(http, options, ct).ConfigureAwait(false);
            var client = new CsipClient(http, options, site);
            client.Der = await DerReporter.ForFirstDerAsync(http, site.EndDevice, ct).ConfigureAwait(false);
            return client;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Server time now, from the offset learnt at discovery.</summary>
    public long ServerNow => Site.Clock.ServerNow(_options.Clock());

    /// <summary>Re-reads every program and evaluates; what the polling loop does every pollRate.</summary>
    public async Task<EffectiveControl> PollOnceAsync(CancellationToken ct = default)
    {
        Volatile.Write(ref _views, await _programs.ReadAsync(Site.EndDevice, ct).ConfigureAwait(false));
        return await EvaluateAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Evaluates the views already held (e.g. on a timer between polls, when events start or end).</summary>
    public async Task<EffectiveControl> EvaluateAsync(CancellationToken ct = default)
    {
        return await _responder.EvaluateAsync(Programs, ServerNow, ct, control =>
        {
            Current = control;
            ControlEvaluated?.Invoke(control);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Posts a Response for the event <paramref name="mrid"/> (hex) among the held programs, if it asked for that kind
    /// (used with <see cref="CsipClientOptions.AutomaticResponses"/> off). False when the event is unknown or asked for none.
    /// </summary>
    public async Task<bool> RespondAsync(string mrid, Domain.Events.ResponseStatus status, CancellationToken ct = default)
    {
        var control = Programs.SelectMany(p => p.Controls)
            .FirstOrDefault(c => c.MRID is not null && Convert.ToHexString(c.MRID) == mrid);
        return control is not null && await _responder.RespondAsync(control, status, ServerNow, ct).ConfigureAwait(false);
    }

    /// <summary>Reads a DERCurve a control links to (opModVoltVar, opModFreqWatt, ...).</summary>
    public Task<DERCurve> GetCurveAsync(string href, CancellationToken ct = default) => _http.GetAsync<DERCurve>(href, ct: ct);

    /// <summary>
    /// Polls every <paramref name="interval"/> (default: the DeviceCapability's pollRate) until disposed, and
    /// re-evaluates the held programs every <paramref name="evaluationTick"/> (default 1 s) in between: events
    /// start and end on their own schedule, and "started"/"completed" must not wait for the next poll.
    /// </summary>
    public void StartPolling(TimeSpan? interval = null, TimeSpan? evaluationTick = null)
    {
        if (_polling is not null) return;
        var period = interval ?? TimeSpan.FromSeconds(Site.DeviceCapability.PollRate ?? 900);
        var tick = evaluationTick ?? TimeSpan.FromSeconds(1);
        _polling = Task.WhenAll(
            Task.Run(() => RepeatAsync(period, PollOnceAsync)),
            Task.Run(() => RepeatAsync(tick, EvaluateAsync)));
    }

    private async Task RepeatAsync(TimeSpan period, Func<CancellationToken, Task> work)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            try { await work(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when ((e is SepHttpException or HttpRequestException or Xml.SepXmlException or TaskCanceledException)
                                      && !_stop.IsCancellationRequested)
            {
                // a failed round is retried at the next tick; the last known control stays in force
            }
        }
    }

    /// <summary>Starts the notification listener and subscribes to every program's DERControl list.</summary>
    public async Task SubscribeAsync(int listenerPort = 0, CancellationToken ct = default)
    {
        var subscriptionList = Site.EndDevice.SubscriptionListLink?.Href
                               ?? throw new InvalidOperationException("the EndDevice has no SubscriptionListLink");
        _listener ??= await NotificationListener.StartAsync(_options.ClientCertificate, _options.TrustedRoot, OnNotificationAsync,
            listenerPort, ct).ConfigureAwait(false);
        if (Programs.Count == 0) Volatile.Write(ref _views, await _programs.ReadAsync(Site.EndDevice, ct).ConfigureAwait(false));
        foreach (var view in Programs)
        {
            if (view.Program.DERControlListLink?.Href is not { } derc) continue;
            var href = await _http.PostAsync(subscriptionList, new Subscription
            {
                SubscribedResource = derc, Encoding = 0, Level = "+S1", Limit = _options.PageSize,
                NotificationURI = _listener.NotificationUri.ToString(),
            }, ct).ConfigureAwait(false);
            if (href is not null) _subscriptionHrefs.Add(href);
        }
    }

    public IReadOnlyList<string> Subscriptions => _subscriptionHrefs;

    private async Task OnNotificationAsync(Notification notification)
    {
        if (notification.Resource is not DERControlList list || notification.SubscribedResource is null) return;
        // A notification carries at most `limit` controls; a list longer than that is re-read in full.
        var complete = list.All <= list.DERControl.Count
            ? list.DERControl
            : await CsipDiscovery.ReadAllAsync<DERControlList, DERControl>(_http, notification.SubscribedResource,
                _options.PageSize, l => l.DERControl, _stop.Token).ConfigureAwait(false);
        var updated = Programs
            .Select(v => v.Program.DERControlListLink?.Href == notification.SubscribedResource ? v with { Controls = complete } : v)
            .ToList();
        Volatile.Write(ref _views, updated);
        await EvaluateAsync(_stop.Token).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_polling is not null)
        {
            try { await _polling.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        if (_listener is not null) await _listener.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _stop.Dispose();
    }
}
