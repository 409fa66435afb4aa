using System.Collections.Immutable;

namespace V2gActors.Engine.Chargers;

/// <summary>Derives the local summary notice (if any) of a journaled event. Pure.</summary>
public static class ChargerNoticeFactory
{
    public static ChargerNotice? From(string stationId, IChargerEvent e, ChargerState after) => e switch
    {
        ChargerBooted b => new ChargerBootNotice(stationId, b.Station.Model, b.Station.VendorName, b.Status),
        ConnectorStatusChanged c => new ConnectorStatusNotice(stationId, c.EvseId, c.ConnectorId, c.Status),
        TransactionEventRecorded { EventType: TransactionEventTypes.Started } t =>
            new TransactionStartedNotice(stationId, t.TransactionId, t.EvseId, t.IdToken),
        TransactionEventRecorded { EventType: TransactionEventTypes.Ended } t =>
            new TransactionEndedNotice(stationId, t.TransactionId, t.StoppedReason,
                EnergyWh(after.FindTransaction(t.TransactionId)?.LatestMeterValues ?? t.MeterValues)),
        // Only the first TransactionEvent of a transaction must carry the EVSE (part 2, E01); later ones are
        // attributed through the transaction the state already knows.
        TransactionEventRecorded { MeterValues.IsDefaultOrEmpty: false } t
            when (t.EvseId ?? after.FindTransaction(t.TransactionId)?.EvseId) is { } evse =>
            new MeterValuesNotice(stationId, evse, PowerW(t.MeterValues), EnergyWh(t.MeterValues)),
        MeterValuesRecorded m => new MeterValuesNotice(stationId, m.EvseId, PowerW(m.Samples), EnergyWh(m.Samples)),
        DeviceModelReported d => new DeviceModelNotice(stationId, d.RequestId, d.Variables.Length),
        _ => null,
    };

    /// <summary>Latest total (phase-less) energy import register in Wh, kWh converted.</summary>
    public static double? EnergyWh(ImmutableArray<MeterSample> samples) =>
        Latest(samples, MeterMeasurands.EnergyActiveImportRegister) is { } s ? InBaseUnit(s, "kWh") : null;

    /// <summary>Net active power in W: import minus export (positive = charging, negative = discharging to grid).</summary>
    public static double? PowerW(ImmutableArray<MeterSample> samples)
    {
        var import = Latest(samples, MeterMeasurands.PowerActiveImport) is { } i ? InBaseUnit(i, "kW") : (double?)null;
        var export = Latest(samples, MeterMeasurands.PowerActiveExport) is { } x ? InBaseUnit(x, "kW") : (double?)null;
        return import is null && export is null ? null : (import ?? 0) - (export ?? 0);
    }

    private static MeterSample? Latest(ImmutableArray<MeterSample> samples, string measurand) =>
        samples.IsDefaultOrEmpty ? null
        : samples.Where(s => s.Measurand == measurand && s.Phase is null).MaxBy(s => s.Timestamp);

    private static double InBaseUnit(MeterSample sample, string kiloUnit) =>
        (double)(string.Equals(sample.Unit, kiloUnit, StringComparison.OrdinalIgnoreCase) ? sample.Value * 1000 : sample.Value);
}
