namespace V2gActors.Engine.Chargers.Admission;

/// <summary>How one BootNotification fared at the node's admission gate.</summary>
public readonly record struct AdmissionDecision(bool Admitted, TimeSpan RetryAfter)
{
    public static AdmissionDecision Admit { get; } = new(true, TimeSpan.Zero);

    public static AdmissionDecision ComeBackIn(TimeSpan wait) => new(false, wait);
}

/// <summary>
/// Spreads a reconnect/boot storm over time: at most <c>bootsPerSecond</c> stations are Accepted per second (after a
/// burst), every other booting station gets BootNotification <c>Pending</c> with an interval that books it a slot.
/// A station that comes back at its slot is admitted on its reservation, so a storm of N stations drains in about
/// N / rate seconds instead of every refused station returning at the same moment and being refused again.
/// </summary>
/// <remarks>
/// One instance per node, shared by the charger entities living there (thread-safe; decisions are O(1) with a
/// bounded reservation table). Time comes in as an argument, so the schedule is unit-testable without a clock.
/// </remarks>
public sealed class BootAdmission
{
    private readonly Lock _lock = new();
    private readonly TimeSpan _spacing;
    private readonly TimeSpan _burstAllowance;
    private readonly TimeSpan _grace;
    private readonly int _maxReservations;
    private readonly Dictionary<string, DateTimeOffset> _reservations = new(StringComparer.Ordinal);
    private DateTimeOffset _nextFree = DateTimeOffset.MinValue;

    /// <param name="bootsPerSecond">Sustained admissions per second; 0 or less admits everyone.</param>
    /// <param name="burst">Admissions allowed at once before spacing starts.</param>
    /// <param name="grace">How late a station may come back and still use its reservation.</param>
    /// <param name="maxReservations">Bound on remembered slots (oldest are forgotten first when exceeded).</param>
    public BootAdmission(double bootsPerSecond, int burst, TimeSpan? grace = null, int maxReservations = 100_000)
    {
        Unlimited = bootsPerSecond <= 0;
        _spacing = Unlimited ? TimeSpan.Zero : TimeSpan.FromSeconds(1 / bootsPerSecond);
        _burstAllowance = _spacing * Math.Max(0, burst - 1);
        _grace = grace ?? TimeSpan.FromMinutes(2);
        _maxReservations = maxReservations;
    }

    public static BootAdmission None { get; } = new(0, 0);

    public bool Unlimited { get; }

    public int ReservationCount
    {
        get { lock (_lock) return _reservations.Count; }
    }

    public AdmissionDecision Decide(string stationId, DateTimeOffset now)
    {
        if (Unlimited) return AdmissionDecision.Admit;
        lock (_lock)
        {
            if (_reservations.Remove(stationId, out var slot))
            {
                // Its capacity was booked when it was told to wait; early or long-lost stations queue again.
                if (now >= slot && now <= slot + _grace) return AdmissionDecision.Admit;
            }

            // Virtual scheduling: the next free admission instant, allowing a burst ahead of it.
            var start = _nextFree < now ? now : _nextFree;
            if (start - now <= _burstAllowance)
            {
                _nextFree = start + _spacing;
                return AdmissionDecision.Admit;
            }

            var reserved = start - _burstAllowance;
            _nextFree = start + _spacing;
            Remember(stationId, reserved, now);
            // OCPP's interval is in whole seconds: round up so the station never arrives before its slot.
            return AdmissionDecision.ComeBackIn(TimeSpan.FromSeconds(Math.Ceiling((reserved - now).TotalSeconds)));
        }
    }

    private void Remember(string stationId, DateTimeOffset slot, DateTimeOffset now)
    {
        if (_reservations.Count >= _maxReservations)
        {
            foreach (var stale in _reservations.Where(r => r.Value + _grace < now).Select(r => r.Key).ToList())
                _reservations.Remove(stale);
            if (_reservations.Count >= _maxReservations)
                _reservations.Remove(_reservations.MinBy(r => r.Value).Key);
        }
        // Rounded up to whole seconds, as the station will be told.
        _reservations[stationId] = now + TimeSpan.FromSeconds(Math.Ceiling((slot - now).TotalSeconds));
    }
}
