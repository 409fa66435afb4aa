using V2gActors.Iso15118.Exi;

namespace V2gActors.Iso15118.V2gtp;

/// <summary>
/// V2GTP payload types used with ISO 15118-20 (ISO 15118-20 Table 12; 0x8001 and the SDP codes are shared
/// with ISO 15118-2, where 0x8001 carries every -2/DIN message). 0xA000–0xFFFF are manufacturer specific.
/// </summary>
public enum V2gtpPayloadType : ushort
{
    SupportedAppProtocol = 0x8001,
    CommonMessages = 0x8002,
    Ac = 0x8003,
    Dc = 0x8004,
    Acdp = 0x8005,
    Wpt = 0x8006,
    ScheduleRenegotiation = 0x8101,
    MeteringConfirmation = 0x8102,
    AcdpSystemStatus = 0x8103,
    ParkingStatus = 0x8104,
    SdpRequest = 0x9000,
    SdpResponse = 0x9001,
    SdpRequestWireless = 0x9002,
    SdpResponseWireless = 0x9003,
}

public static class V2gtpPayloadTypes
{
    public static bool IsKnown(ushort value) => Enum.IsDefined(typeof(V2gtpPayloadType), value);

    public static bool IsManufacturerSpecific(ushort value) => value >= 0xA000;

    /// <summary>
    /// The EXI schema a payload of this type is encoded with, or null when it is not EXI this codec handles
    /// (SDP is raw binary; WPT is not generated). The -20 side streams carry messages of an existing schema:
    /// schedule renegotiation, metering confirmation and parking status are CommonMessages, ACDP system
    /// status is ACDP.
    /// </summary>
    public static ExiSchema? SchemaOf(V2gtpPayloadType type) => type switch
    {
        V2gtpPayloadType.SupportedAppProtocol => ExiSchema.AppProtocol,
        V2gtpPayloadType.CommonMessages or V2gtpPayloadType.ScheduleRenegotiation
            or V2gtpPayloadType.MeteringConfirmation or V2gtpPayloadType.ParkingStatus => ExiSchema.CommonMessages,
        V2gtpPayloadType.Ac => ExiSchema.Ac,
        V2gtpPayloadType.Dc => ExiSchema.Dc,
        V2gtpPayloadType.Acdp or V2gtpPayloadType.AcdpSystemStatus => ExiSchema.Acdp,
        _ => null,
    };

    /// <summary>The main-stream payload type for messages of a schema (what an SECC answers with).</summary>
    public static V2gtpPayloadType MainStreamOf(ExiSchema schema) => schema switch
    {
        ExiSchema.AppProtocol => V2gtpPayloadType.SupportedAppProtocol,
        ExiSchema.CommonMessages => V2gtpPayloadType.CommonMessages,
        ExiSchema.Ac => V2gtpPayloadType.Ac,
        ExiSchema.Dc => V2gtpPayloadType.Dc,
        ExiSchema.Acdp => V2gtpPayloadType.Acdp,
        _ => throw new ArgumentOutOfRangeException(nameof(schema), schema, null),
    };
}
