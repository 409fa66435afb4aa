namespace V2gActors.Iso15118.Secc;

/// <summary>Which request(s) the SECC accepts next (ISO 15118-20 DC and AC message sequences).</summary>
public enum SeccState
{
    WaitingForSessionSetup,
    WaitingForAuthorizationSetup,
    /// <summary>AuthorizationReq, repeated while the SECC answers Ongoing.</summary>
    WaitingForAuthorization,
    WaitingForServiceDiscovery,
    /// <summary>ServiceDetailReq (any number) or ServiceSelectionReq.</summary>
    WaitingForServiceSelection,
    WaitingForChargeParameterDiscovery,
    /// <summary>ScheduleExchangeReq, repeated while Ongoing.</summary>
    WaitingForScheduleExchange,
    /// <summary>DC_CableCheckReq, repeated while Ongoing.</summary>
    WaitingForCableCheck,
    /// <summary>DC_PreChargeReq (first one).</summary>
    WaitingForPreCharge,
    /// <summary>More DC_PreChargeReq, or PowerDeliveryReq(Start).</summary>
    PreCharging,
    /// <summary>AC after ScheduleExchange (no cable check or pre-charge): PowerDeliveryReq(Start).</summary>
    ReadyForPowerDelivery,
    /// <summary>DC_ChargeLoopReq, or PowerDeliveryReq(Stop).</summary>
    ChargeLoop,
    /// <summary>After PowerDeliveryReq(Stop): DC_WeldingDetectionReq (any number) or SessionStopReq.</summary>
    Stopping,
    Ended,
}
