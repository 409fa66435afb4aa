using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Benchmarks.Ocpp;

/// <summary>Representative OCPP 2.1 payloads: the two telemetry messages that dominate inbound traffic and the
/// command that carries a setpoint outbound. Each is checked against the generated validator once, in setup.</summary>
public static class OcppSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public static (string Action, byte[] Payload) Get(string action) => action switch
    {
        "MeterValues" => (action, OcppPayloadCodec.Encode(new MeterValuesRequest { EvseId = 1, MeterValue = [Meter()] })),
        "TransactionEvent" => (action, OcppPayloadCodec.Encode(new TransactionEventRequest
        {
            EventType = TransactionEventEnumType.Updated,
            Timestamp = At,
            TriggerReason = TriggerReasonEnumType.MeterValuePeriodic,
            SeqNo = 42,
            TransactionInfo = new TransactionType { TransactionId = "CS-00001-1-3f2a9c1e", ChargingState = ChargingStateEnumType.Charging },
            MeterValue = [Meter()],
        })),
        "SetChargingProfile" => (action, """
            {"evseId":1,"chargingProfile":{"id":17,"stackLevel":0,"chargingProfilePurpose":"TxProfile",
             "chargingProfileKind":"Absolute","transactionId":"CS-00001-1-3f2a9c1e",
             "chargingSchedule":[{"id":1,"startSchedule":"2026-11-24T08:00:00Z","chargingRateUnit":"W",
               "chargingSchedulePeriod":[{"startPeriod":0,"setpoint":-7000,"operationMode":"CentralSetpoint"},
                                         {"startPeriod":900,"limit":11000,"operationMode":"ChargingOnly"}]}]}}
            """u8.ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "no sample"),
    };

    private static MeterValueType Meter() => new()
    {
        Timestamp = At,
        SampledValue =
        [
            new SampledValueType
            {
                Value = 12345.6m, Measurand = MeasurandEnumType.EnergyActiveImportRegister, Context = ReadingContextEnumType.SamplePeriodic,
                UnitOfMeasure = new UnitOfMeasureType { Unit = "Wh" },
            },
            new SampledValueType
            {
                Value = 11000m, Measurand = MeasurandEnumType.PowerActiveImport, Context = ReadingContextEnumType.SamplePeriodic,
                UnitOfMeasure = new UnitOfMeasureType { Unit = "W" },
            },
        ],
    };
}
