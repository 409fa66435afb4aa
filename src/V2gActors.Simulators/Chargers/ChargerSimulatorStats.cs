namespace V2gActors.Simulators.Chargers;

/// <summary>Counters shared by all simulated chargers of one run; thread-safe, cheap to read while running.</summary>
public sealed class ChargerSimulatorStats
{
    private long _connected, _booted, _bootRetries, _transactionsStarted, _transactionsEnded, _meterValuesSent;
    private long _callsSent, _callErrors, _commandsReceived, _disconnects, _invalidResponses;

    public long Connected => Interlocked.Read(ref _connected);
    public long Booted => Interlocked.Read(ref _booted);
    public long BootRetries => Interlocked.Read(ref _bootRetries);
    public long TransactionsStarted => Interlocked.Read(ref _transactionsStarted);
    public long TransactionsEnded => Interlocked.Read(ref _transactionsEnded);
    public long MeterValuesSent => Interlocked.Read(ref _meterValuesSent);
    public long CallsSent => Interlocked.Read(ref _callsSent);
    public long CallErrors => Interlocked.Read(ref _callErrors);
    public long CommandsReceived => Interlocked.Read(ref _commandsReceived);
    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>CSMS responses that failed schema validation: must stay 0.</summary>
    public long InvalidResponses => Interlocked.Read(ref _invalidResponses);

    internal void OnConnected() => Interlocked.Increment(ref _connected);
    internal void OnDisconnected() { Interlocked.Decrement(ref _connected); Interlocked.Increment(ref _disconnects); }
    internal void OnBooted() => Interlocked.Increment(ref _booted);
    internal void OnBootRetry() => Interlocked.Increment(ref _bootRetries);
    internal void OnTransactionStarted() => Interlocked.Increment(ref _transactionsStarted);
    internal void OnTransactionEnded() => Interlocked.Increment(ref _transactionsEnded);
    internal void OnMeterValues() => Interlocked.Increment(ref _meterValuesSent);
    internal void OnCall(bool failed) { Interlocked.Increment(ref _callsSent); if (failed) Interlocked.Increment(ref _callErrors); }
    internal void OnCommand() => Interlocked.Increment(ref _commandsReceived);
    internal void OnInvalidResponse() => Interlocked.Increment(ref _invalidResponses);

    public override string ToString() =>
        $"connected={Connected} booted={Booted} tx-started={TransactionsStarted} tx-ended={TransactionsEnded} " +
        $"meter-values={MeterValuesSent} calls={CallsSent} call-errors={CallErrors} invalid-responses={InvalidResponses} commands={CommandsReceived}";
}
