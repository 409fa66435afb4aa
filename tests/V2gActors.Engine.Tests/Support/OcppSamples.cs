using System.Text;

namespace V2gActors.Engine.Tests.Support;

/// <summary>Schema-valid OCPP 2.x request payloads, as a charger would send them.</summary>
internal static class OcppSamples
{
    public const string Time = "2026-01-01T10:00:00Z";

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    public static string Boot(string model = "V2G-Wallbox", string vendor = "Acme") =>
        $$"""{"chargingStation":{"model":"{{model}}","vendorName":"{{vendor}}","serialNumber":"SN-1","firmwareVersion":"1.2.3"},"reason":"PowerUp"}""";

    public const string Heartbeat = "{}";

    public static string Status(int evse, int connector, string status) =>
        $$"""{"timestamp":"{{Time}}","connectorStatus":"{{status}}","evseId":{{evse}},"connectorId":{{connector}}}""";

    public static string Authorize(string token) => $$"""{"idToken":{"idToken":"{{token}}","type":"ISO14443"} }""";

    public static string Transaction(string eventType, string transactionId, int seqNo, double energyWh, string trigger = "MeterValuePeriodic") =>
        $$"""
        {"eventType":"{{eventType}}","timestamp":"{{Time}}","triggerReason":"{{trigger}}","seqNo":{{seqNo}},
         "transactionInfo":{"transactionId":"{{transactionId}}","chargingState":"Charging"{{(eventType == "Ended" ? ",\"stoppedReason\":\"EVDisconnected\"" : "")}}},
         "evse":{"id":1,"connectorId":1},"idToken":{"idToken":"TOKEN-1","type":"ISO14443"},
         "meterValue":[{"timestamp":"{{Time}}","sampledValue":[
            {"value":{{energyWh}},"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"Wh"} },
            {"value":7.4,"measurand":"Power.Active.Import","unitOfMeasure":{"unit":"kW"} }]}]}
        """;

    public static string MeterValues(int evse, double energyWh) =>
        $$"""{"evseId":{{evse}},"meterValue":[{"timestamp":"{{Time}}","sampledValue":[{"value":{{energyWh}},"measurand":"Energy.Active.Import.Register"}]}]}""";

    public static string NotifyReport(int requestId, int seqNo, bool tbc, params string[] variables) =>
        $$"""
        {"requestId":{{requestId}},"generatedAt":"{{Time}}","seqNo":{{seqNo}},"tbc":{{(tbc ? "true" : "false")}},
         "reportData":[{{string.Join(",", variables.Select(v =>
            $$"""{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"{{v}}"},"variableAttribute":[{"type":"Actual","value":"1","mutability":"ReadWrite"}]}"""))}}]}
        """;

    public const string NotifyEvent =
        $$"""{"generatedAt":"{{Time}}","seqNo":0,"eventData":[{"eventId":1,"timestamp":"{{Time}}","trigger":"Delta","actualValue":"Faulted","component":{"name":"Connector"},"variable":{"name":"AvailabilityState"},"eventNotificationType":"HardWiredNotification"}]}""";

    public const string SecurityEvent = $$"""{"type":"SettingSystemTime","timestamp":"{{Time}}","techInfo":"ntp"}""";

    public const string GetVariables =
        """{"getVariableData":[{"component":{"name":"OCPPCommCtrlr"},"variable":{"name":"HeartbeatInterval"} }]}""";

    public const string ResetImmediate = """{"type":"Immediate"}""";

    public const string ResetInvalid = """{"type":"Sometime"}""";
}
