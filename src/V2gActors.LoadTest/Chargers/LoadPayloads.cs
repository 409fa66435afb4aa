using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.LoadTest.Chargers;

/// <summary>
/// The OCPP 2.1 request payloads a load charger sends, built from the generated message types and encoded by
/// <see cref="OcppPayloadCodec"/> so they are exactly what a real charger's schema-valid JSON looks like.
/// </summary>
public static class LoadPayloads
{
    public static byte[] Boot(string stationId) => OcppPayloadCodec.Encode(new BootNotificationRequest
    {
        Reason = BootReasonEnumType.PowerUp,
        ChargingStation = new ChargingStationType
        {
            Model = "LoadSim", VendorName = "V2gActors", SerialNumber = stationId, FirmwareVersion = "1.0.0",
        },
    });

    public static byte[] Status(ConnectorStatusEnumType status) => OcppPayloadCodec.Encode(new StatusNotificationRequest
    {
        Timestamp = DateTimeOffset.UtcNow, ConnectorStatus = status, EvseId = 1, ConnectorId = 1,
    });

    public static byte[] TransactionEvent(string stationId, string transactionId, int seqNo, TransactionEventEnumType type, double energyWh)
    {
        var now = DateTimeOffset.UtcNow;
        var started = type == TransactionEventEnumType.Started;
        return OcppPayloadCodec.Encode(new TransactionEventRequest
        {
            EventType = type,
            Timestamp = now,
            TriggerReason = started ? TriggerReasonEnumType.CablePluggedIn : TriggerReasonEnumType.MeterValuePeriodic,
            SeqNo = seqNo,
            TransactionInfo = new TransactionType
            {
                TransactionId = transactionId,
                ChargingState = started ? ChargingStateEnumType.EVConnected : ChargingStateEnumType.Charging,
            },
            Evse = started ? new EVSEType { Id = 1, ConnectorId = 1 } : null,
            IdToken = started ? new IdTokenType { IdToken = $"EMP-{stationId}", Type = "Central" } : null,
            MeterValue = [Meter(now, energyWh, started ? ReadingContextEnumType.TransactionBegin : ReadingContextEnumType.SamplePeriodic)],
        });
    }

    public static byte[] MeterValues(double energyWh) => OcppPayloadCodec.Encode(new MeterValuesRequest
    {
        EvseId = 1,
        MeterValue = [Meter(DateTimeOffset.UtcNow, energyWh, ReadingContextEnumType.SamplePeriodic)],
    });

    public static bool IsSetpointAction(string action) => action is "SetChargingProfile" or "UpdateDynamicSchedule";

    /// <summary>The Accepted answer to a SetChargingProfile or UpdateDynamicSchedule (same shape, both schema-valid).</summary>
    public static byte[] ProfileAccepted(string action) => action == "SetChargingProfile"
        ? OcppPayloadCodec.Encode(new SetChargingProfileResponse { Status = ChargingProfileStatusEnumType.Accepted })
        : OcppPayloadCodec.Encode(new UpdateDynamicScheduleResponse { Status = ChargingProfileStatusEnumType.Accepted });

    private static MeterValueType Meter(DateTimeOffset at, double energyWh, ReadingContextEnumType context) => new()
    {
        Timestamp = at,
        SampledValue =
        [
            new SampledValueType
            {
                Value = Math.Round((decimal)energyWh, 1), Measurand = MeasurandEnumType.EnergyActiveImportRegister, Context = context,
                UnitOfMeasure = new UnitOfMeasureType { Unit = "Wh" },
            },
            new SampledValueType
            {
                Value = 11_000m, Measurand = MeasurandEnumType.PowerActiveImport, Context = context,
                UnitOfMeasure = new UnitOfMeasureType { Unit = "W" },
            },
        ],
    };
}
