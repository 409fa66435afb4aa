using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace V2gActors.Simulators.Chargers;

/// <summary>
/// Runs N simulated chargers against one CSMS. Connections are ramped (a bounded number of handshakes at a time) so
/// the demo looks like a site coming online; load tests set the ramp to "all at once" to make a boot storm.
/// </summary>
public sealed class ChargerFleetSimulator : IAsyncDisposable
{
    private readonly List<SimulatedCharger> _chargers = [];

    public ChargerFleetSimulator(int count, string stationIdPrefix, ChargerSimulatorOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<SimulatedCharger>();
        for (var i = 1; i <= count; i++)
            _chargers.Add(new SimulatedCharger($"{stationIdPrefix}{i:D5}", options, Stats, logger));
    }

    public ChargerSimulatorStats Stats { get; } = new();

    public IReadOnlyList<SimulatedCharger> Chargers => _chargers;

    /// <summary>Starts every charger, <paramref name="perSecond"/> per second (0 = all at once).</summary>
    public async Task StartAsync(int perSecond = 0, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _chargers.Count; i++)
        {
            _chargers[i].Start();
            if (perSecond > 0 && (i + 1) % perSecond == 0)
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_chargers.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
