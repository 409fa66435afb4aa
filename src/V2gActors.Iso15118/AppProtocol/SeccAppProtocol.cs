namespace V2gActors.Iso15118.AppProtocol;

/// <summary>A protocol the SECC can speak, as announced in supportedAppProtocolReq (namespace + version).</summary>
public sealed record SeccAppProtocol(string Namespace, uint MajorVersion, uint MinorVersion)
{
    // -20 namespaces as the EVCC announces them; the version of ISO 15118-20:2022 is 1.0.
    public static SeccAppProtocol Iso20Dc { get; } = new("urn:iso:std:iso:15118:-20:DC", 1, 0);
    public static SeccAppProtocol Iso20Ac { get; } = new("urn:iso:std:iso:15118:-20:AC", 1, 0);
    public static SeccAppProtocol Iso20Acdp { get; } = new("urn:iso:std:iso:15118:-20:ACDP", 1, 0);

    /// <summary>Known, but not implemented by this engine: offered alone they end in Failed_NoNegotiation.</summary>
    public const string Iso2Namespace = "urn:iso:15118:2:2013:MsgDef";
    public const string Din70121Namespace = "urn:din:70121:2012:MsgDef";
}
