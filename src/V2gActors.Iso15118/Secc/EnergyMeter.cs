namespace V2gActors.Iso15118.Secc;

/// <summary>
/// A simulated meter: integrates the power offered in each charge-loop response until the next request. Good enough
/// for MeterInfo in the loop; a real EVSE reads its metering device instead.
/// </summary>
public sealed class EnergyMeter
{
    private DateTimeOffset? _last;
    private double _powerW;

    public double ChargedWh { get; private set; }
    public double DischargedWh { get; private set; }

    public void Advance(DateTimeOffset now, double newPowerW)
    {
        if (_last is { } last && now > last)
        {
            var wh = _powerW * (now - last).TotalHours;
            if (wh >= 0) ChargedWh += wh; else DischargedWh -= wh;
        }
        _last = now;
        _powerW = newPowerW;
    }
}
