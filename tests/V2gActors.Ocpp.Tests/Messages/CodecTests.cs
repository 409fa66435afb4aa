using System.Text;
using System.Text.Json;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Messages.V21;
using V2gActors.TestSupport.Ocpp;

namespace V2gActors.Ocpp.Tests.Messages;

/// <summary>The facade's contract: error codes for malformed input, typed encode/decode, edition checks on the way out.</summary>
public sealed class CodecTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private const string ValidBoot = """{"reason":"PowerUp","chargingStation":{"model":"M1","vendorName":"V"}}""";

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"reason\":")]
    [InlineData("[]")]
    [InlineData("\"PowerUp\"")]
    [InlineData("null")]
    [InlineData("{} {}")]
    public void Payload_that_is_not_a_JSON_object_is_a_FormatViolation(string raw)
    {
        var error = OcppPayloadCodec.Validate(OcppVersion.V21, "BootNotification", OcppPayloadKind.Request, Utf8(raw));
        Assert.Equal(OcppErrorCode.FormatViolation, error?.Code);
        Assert.False(OcppPayloadCodec.TryDecode(OcppVersion.V21, "BootNotification", OcppPayloadKind.Request, Utf8(raw), out _, out var decodeError));
        Assert.Equal(OcppErrorCode.FormatViolation, decodeError?.Code);
    }

    [Theory]
    [InlineData("""{"reason":"PowerUp"}""", OcppErrorCode.OccurrenceConstraintViolation, "chargingStation: required property missing")]
    [InlineData("""{"reason":"PowerUp","chargingStation":{"model":"123456789012345678901","vendorName":"V"}}""", OcppErrorCode.PropertyConstraintViolation, "chargingStation.model: maxLength 20 exceeded")]
    [InlineData("""{"reason":"Sunrise","chargingStation":{"model":"M","vendorName":"V"}}""", OcppErrorCode.PropertyConstraintViolation, "reason: 'Sunrise' is not a BootReasonEnumType value")]
    [InlineData("""{"reason":3,"chargingStation":{"model":"M","vendorName":"V"}}""", OcppErrorCode.TypeConstraintViolation, "reason: expected string, got number")]
    [InlineData("""{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V","colour":"red"}}""", OcppErrorCode.ProtocolError, "chargingStation.colour: property not allowed (additionalProperties is false)")]
    public void First_violation_maps_to_its_OCPP_J_code_and_names_the_path(string json, OcppErrorCode code, string description)
    {
        var error = OcppPayloadCodec.Validate(OcppVersion.V21, "BootNotification", OcppPayloadKind.Request, Utf8(json));
        Assert.Equal(new OcppError(code, description), error);
    }

    [Fact]
    public void Array_bounds_and_index_appear_in_the_path()
    {
        const string json = """{"evseId":1,"meterValue":[{"timestamp":"2025-01-01T00:00:00Z","sampledValue":[]}]}""";
        var error = OcppPayloadCodec.Validate(OcppVersion.V21, "MeterValues", OcppPayloadKind.Request, Utf8(json));
        Assert.Equal(OcppErrorCode.OccurrenceConstraintViolation, error?.Code);
        Assert.StartsWith("meterValue[0].sampledValue: 0 item(s), minItems 1", error!.Description);
    }

    [Fact]
    public void Unknown_action_is_NotImplemented()
    {
        Assert.False(OcppPayloadCodec.IsKnownAction(OcppVersion.V21, "MakeCoffee"));
        Assert.Equal(OcppErrorCode.NotImplemented,
            OcppPayloadCodec.Validate(OcppVersion.V21, "MakeCoffee", OcppPayloadKind.Request, Utf8("{}"))?.Code);
        Assert.False(OcppPayloadCodec.TryDecode(OcppVersion.V21, "MakeCoffee", OcppPayloadKind.Request, Utf8("{}"), out _, out var error));
        Assert.Equal(OcppErrorCode.NotImplemented, error?.Code);
        // 2.1-only action on a 2.0.1 connection.
        Assert.False(OcppPayloadCodec.IsKnownAction(OcppVersion.V201, "AFRRSignal"));
        Assert.Equal(OcppErrorCode.NotImplemented,
            OcppPayloadCodec.Validate(OcppVersion.V201, "AFRRSignal", OcppPayloadKind.Request, Utf8("{}"))?.Code);
    }

    [Fact]
    public void Catalogs_list_every_action_and_2_1_covers_2_0_1()
    {
        Assert.Equal(91, OcppV21Catalog.All.Count);
        Assert.Equal(64, V2gActors.Ocpp.Messages.V201.OcppV201Catalog.All.Count);
        Assert.All(V2gActors.Ocpp.Messages.V201.OcppV201Catalog.All, a => Assert.True(OcppV21Catalog.IsKnown(a.Action), a.Action));
        var stream = OcppV21Catalog.Find("NotifyPeriodicEventStream")!;
        Assert.True(stream.IsSend);
        Assert.Equal(typeof(NotifyPeriodicEventStream), stream.RequestType);
        Assert.Equal(typeof(BootNotificationResponse), OcppV21Catalog.Find("BootNotification")!.ResponseType);
        Assert.Equal(OcppErrorCode.ProtocolError,
            OcppPayloadCodec.Validate(OcppVersion.V21, "NotifyPeriodicEventStream", OcppPayloadKind.Response, Utf8("{}"))?.Code);
    }

    [Fact]
    public void Typed_payload_round_trips_through_source_generated_metadata()
    {
        var request = new BootNotificationRequest
        {
            Reason = BootReasonEnumType.PowerUp,
            ChargingStation = new ChargingStationType { Model = "M1", VendorName = "V" },
        };
        var bytes = OcppPayloadCodec.Encode(request);
        Assert.Equal("""{"chargingStation":{"model":"M1","vendorName":"V"},"reason":"PowerUp"}""", Encoding.UTF8.GetString(bytes));
        Assert.Equal(bytes, OcppPayloadCodec.Encode((object)request));
        Assert.Equal(request, OcppPayloadCodec.Decode<BootNotificationRequest>(bytes));
        Assert.Null(OcppPayloadCodec.ValidateOutgoing(OcppVersion.V201, "BootNotification", OcppPayloadKind.Request, bytes));
        Assert.True(OcppPayloadCodec.TryDecode(OcppVersion.V21, "BootNotification", OcppPayloadKind.Request, bytes, out var decoded, out _));
        Assert.Equal(request, decoded);
    }

    [Fact]
    public void Sanitised_enum_names_keep_their_schema_spelling_on_the_wire()
    {
        var value = new SampledValueType { Value = 1.5m, Measurand = MeasurandEnumType.EnergyActiveImportRegister, Phase = PhaseEnumType.L1_N };
        var json = Encoding.UTF8.GetString(OcppPayloadCodec.Encode(value));
        Assert.Equal("""{"value":1.5,"measurand":"Energy.Active.Import.Register","phase":"L1-N"}""", json);
        Assert.Equal(EnergyTransferModeEnumType.DC_BPT, OcppPayloadCodec.Decode<EnergyTransferModeEnumType>(Utf8("\"DC_BPT\"")));
        Assert.Equal(EnergyTransferModeEnumType.ACSinglePhase, OcppPayloadCodec.Decode<EnergyTransferModeEnumType>(Utf8("\"AC_single_phase\"")));
    }

    [Fact]
    public void Decode_refuses_integer_enums_and_unknown_spellings()
    {
        Assert.ThrowsAny<JsonException>(() => OcppPayloadCodec.Decode<BootReasonEnumType>(Utf8("3")));
        Assert.ThrowsAny<JsonException>(() => OcppPayloadCodec.Decode<BootReasonEnumType>(Utf8("\"Sunrise\"")));
        Assert.ThrowsAny<JsonException>(() => OcppPayloadCodec.Decode<BootNotificationRequest>(Utf8("""{"reason":"PowerUp"}""")));
    }

    [Fact]
    public void Date_times_are_written_in_UTC_with_Z_and_read_with_any_offset()
    {
        var heartbeat = new HeartbeatResponse { CurrentTime = new DateTimeOffset(2025, 3, 4, 7, 6, 7, 500, TimeSpan.FromHours(2)) };
        Assert.Equal("""{"currentTime":"2025-03-04T05:06:07.5Z"}""", Encoding.UTF8.GetString(OcppPayloadCodec.Encode(heartbeat)));
        var decoded = OcppPayloadCodec.Decode<HeartbeatResponse>(Utf8("""{"currentTime":"2025-03-04T07:06:07.5+02:00"}"""));
        Assert.Equal(heartbeat.CurrentTime, decoded.CurrentTime);
        Assert.Equal(OcppErrorCode.PropertyConstraintViolation,
            OcppPayloadCodec.Validate(OcppVersion.V21, "Heartbeat", OcppPayloadKind.Response, Utf8("""{"currentTime":"2025-03-04"}"""))?.Code);
    }

    [Fact]
    public void Whole_numbers_written_with_a_fraction_are_integers_as_JSON_Schema_says()
    {
        var json = Utf8("""{"evseId":1.0,"meterValue":[{"timestamp":"2025-01-01T00:00:00Z","sampledValue":[{"value":2}]}]}""");
        Assert.True(OcppPayloadCodec.TryDecode(OcppVersion.V21, "MeterValues", OcppPayloadKind.Request, json, out var payload, out var error), error?.Description);
        Assert.Equal(1, ((MeterValuesRequest)payload!).EvseId);
        Assert.Equal(OcppErrorCode.TypeConstraintViolation,
            OcppPayloadCodec.Validate(OcppVersion.V21, "MeterValues", OcppPayloadKind.Request, Utf8("""{"evseId":1.5,"meterValue":[]}"""))?.Code);
        Assert.Equal(OcppErrorCode.PropertyConstraintViolation,
            OcppPayloadCodec.Validate(OcppVersion.V21, "MeterValues", OcppPayloadKind.Request, Utf8("""{"evseId":99999999999,"meterValue":[]}"""))?.Code);
    }

    [Fact]
    public void Outgoing_frames_are_checked_against_the_connection_edition()
    {
        // 'eventNotificationType' exists only in 2.1; a 2.0.1 charger would reject it.
        var request = new SetVariableMonitoringRequest
        {
            SetMonitoringData =
            [
                new SetMonitoringDataType
                {
                    Value = 10, Type = MonitorEnumType.UpperThreshold, Severity = 5,
                    Component = new ComponentType { Name = "EVSE" }, Variable = new VariableType { Name = "Power" },
                    PeriodicEventStream = new PeriodicEventStreamParamsType { Interval = 10 },
                },
            ],
        };
        var bytes = OcppPayloadCodec.Encode(request);
        Assert.Null(OcppPayloadCodec.ValidateOutgoing(OcppVersion.V21, "SetVariableMonitoring", OcppPayloadKind.Request, bytes));
        var error = OcppPayloadCodec.ValidateOutgoing(OcppVersion.V201, "SetVariableMonitoring", OcppPayloadKind.Request, bytes);
        Assert.Equal(OcppErrorCode.ProtocolError, error?.Code);
        Assert.StartsWith("setMonitoringData[0].periodicEventStream:", error!.Description);
        Assert.Equal(OcppErrorCode.NotSupported,
            OcppPayloadCodec.ValidateOutgoing(OcppVersion.V201, "AFRRSignal", OcppPayloadKind.Request, Utf8("{}"))?.Code);
    }

    [Fact]
    public void A_2_0_1_monitor_without_eventNotificationType_decodes_though_2_1_requires_it()
    {
        const string json = """
            {"seqNo":0,"generatedAt":"2025-01-01T00:00:00Z","requestId":1,"monitor":[{"component":{"name":"EVSE"},"variable":{"name":"Power"},
             "variableMonitoring":[{"id":1,"transaction":false,"value":10,"type":"UpperThreshold","severity":5}]}]}
            """;
        Assert.True(OcppPayloadCodec.TryDecode(OcppVersion.V201, "NotifyMonitoringReport", OcppPayloadKind.Request, Utf8(json), out var payload, out var error), error?.Description);
        var monitoring = ((NotifyMonitoringReportRequest)payload!).Monitor![0].VariableMonitoring[0];
        Assert.Null(monitoring.EventNotificationType);
        var asV21 = OcppPayloadCodec.Validate(OcppVersion.V21, "NotifyMonitoringReport", OcppPayloadKind.Request, Utf8(json));
        Assert.Equal(OcppErrorCode.OccurrenceConstraintViolation, asV21?.Code);
        Assert.StartsWith("monitor[0].variableMonitoring[0].eventNotificationType:", asV21!.Description);
    }

    [Fact]
    public void Every_2_0_1_enum_value_decodes_into_the_2_1_model()
    {
        var v201Enums = typeof(V2gActors.Ocpp.Messages.V201.OcppV201Catalog).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == "V2gActors.Ocpp.Messages.V201").ToList();
        Assert.NotEmpty(v201Enums);
        var checkedValues = 0;
        foreach (var old in v201Enums)
        {
            var current = typeof(OcppV21Catalog).Assembly.GetType($"V2gActors.Ocpp.Messages.V21.{old.Name}");
            // Three 2.0.1 enums became free strings in 2.1 (IdTokenEnumType, ConnectorEnumType, ChargingLimitSourceEnumType).
            if (current is null) continue;
            var info = OcppV21JsonContext.Default.GetTypeInfo(current)!;
            foreach (var name in Enum.GetNames(old))
            {
                var wire = old.GetField(name)!.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
                    .Cast<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().Single().Name;
                Assert.NotNull(JsonSerializer.Deserialize(Utf8(JsonSerializer.Serialize(wire, OcppV21JsonContext.Default.String)), info));
                checkedValues++;
            }
        }
        Assert.True(checkedValues >= 390, $"{checkedValues} values checked");
    }

    [Fact]
    public void Random_bytes_never_escape_as_exceptions()
    {
        var random = new Random(20250304);
        var actions = OcppV21Catalog.All.Select(a => a.Action).ToArray();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (i % 2 == 0) bytes = Utf8("{\"" + Convert.ToBase64String(bytes) + "\":[1,{\"a\":" + i + "}]}");
            var action = actions[random.Next(actions.Length)];
            var error = OcppPayloadCodec.Validate(OcppVersion.V21, action, OcppPayloadKind.Request, bytes);
            OcppPayloadCodec.TryDecode(OcppVersion.V201, action, OcppPayloadKind.Response, bytes, out _, out _);
            Assert.NotNull(error);
        }
    }

    [Fact]
    public void Deep_nesting_is_a_FormatViolation_not_a_stack_overflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var json = Utf8("""{"reason":"PowerUp","chargingStation":{"model":"M","vendorName":"V"},"customData":{"vendorId":"x","deep":""" + deep + "}}");
        Assert.Equal(OcppErrorCode.FormatViolation, OcppPayloadCodec.Validate(OcppVersion.V21, "BootNotification", OcppPayloadKind.Request, json)?.Code);
    }

    [Fact]
    public void Official_schema_validator_helper_reports_violations()
    {
        Assert.Empty(OcppSchemaValidator.Validate(OcppVersion.V21, "BootNotification", OcppPayloadKind.Request, ValidBoot));
        Assert.NotEmpty(OcppSchemaValidator.Validate(OcppVersion.V201, "BootNotification", OcppPayloadKind.Request, """{"reason":"PowerUp"}"""));
    }
}

/// <summary>The schemas are generation-time input only: nothing of them may ship inside the assembly.</summary>
public sealed class PackagingTests
{
    [Fact]
    public void Messages_assembly_embeds_no_schema_files() =>
        Assert.Empty(typeof(OcppPayloadCodec).Assembly.GetManifestResourceNames());
}
