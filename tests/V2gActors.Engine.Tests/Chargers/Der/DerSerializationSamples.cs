using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.Der;
using V2gActors.Engine.Serialization;

namespace V2gActors.Engine.Tests.Chargers.Der;

/// <summary>One instance of every DER message and event, for the serializer's completeness and round-trip tests.</summary>
public static class DerSerializationSamples
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static IEnumerable<IV2gSerializable> Serializable()
    {
        var set = new DerControlSet(T, "vv-1", "VoltVar", false, """{"controlId":"vv-1"}""", ["vv-0"]);
        var alarm = new DerAlarmNotified("VoltVar", "OverVoltage", false, T, "phase L1");
        var startStop = new DerStartStopNotified("vv-1", true, T, []);
        var reported = new DerControlsReported(3, [new ReportedDerControl("vv-1", "VoltVar", false, false)], Tbc: true);
        var priority = new PriorityChargingNotified("tx-1", true, T);
        yield return set;
        yield return new DerControlsCleared(T, false, "VoltVar", null);
        yield return alarm;
        yield return startStop;
        yield return reported;
        yield return priority;
        yield return new GetDerState("CS-1");
        var der = new IDerEvent[] { set, alarm, startStop, reported, priority }.Aggregate(DerState.Empty, (s, e) => s.Apply(e));
        yield return DerStateView.Of("CS-1", der);
        yield return ChargerState.Empty with { Der = der };
    }
}
