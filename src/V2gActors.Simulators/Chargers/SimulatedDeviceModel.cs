using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Simulators.Chargers;

/// <summary>
/// The simulated station's Device Model (OCPP 2.x part 1 §4): a few standard components/variables a CSMS reads
/// or writes in practice, including the V2X capability a dispatcher looks for. Thread-safe: the CSMS may call
/// GetVariables/SetVariables while a base report is being sent.
/// </summary>
public sealed class SimulatedDeviceModel
{
    private sealed record Entry(string Component, int? Evse, string Variable, string Value, MutabilityEnumType Mutability,
        DataEnumType DataType, string? Unit = null);

    private readonly Lock _gate = new();
    private readonly List<Entry> _entries;

    public SimulatedDeviceModel(ChargerSimulatorOptions options, string stationId)
    {
        _entries =
        [
            new("ChargingStation", null, "Model", options.Model, MutabilityEnumType.ReadOnly, DataEnumType.String),
            new("ChargingStation", null, "VendorName", options.VendorName, MutabilityEnumType.ReadOnly, DataEnumType.String),
            new("ChargingStation", null, "SerialNumber", stationId, MutabilityEnumType.ReadOnly, DataEnumType.String),
            new("ChargingStation", null, "AvailabilityState", "Available", MutabilityEnumType.ReadOnly, DataEnumType.OptionList),
            new("OCPPCommCtrlr", null, "HeartbeatInterval", "300", MutabilityEnumType.ReadWrite, DataEnumType.Integer, "s"),
            new("SampledDataCtrlr", null, "TxUpdatedInterval", ((int)options.MeterInterval.TotalSeconds).ToString(),
                MutabilityEnumType.ReadWrite, DataEnumType.Integer, "s"),
            new("SampledDataCtrlr", null, "TxUpdatedMeasurands", "Energy.Active.Import.Register,Power.Active.Import",
                MutabilityEnumType.ReadWrite, DataEnumType.MemberList),
            new("AuthCtrlr", null, "AuthorizeRemoteStart", "false", MutabilityEnumType.ReadWrite, DataEnumType.Boolean),
        ];
        for (var evse = 1; evse <= options.EvseCount; evse++)
        {
            _entries.Add(new("EVSE", evse, "Power", "22000", MutabilityEnumType.ReadOnly, DataEnumType.Decimal, "W"));
            // 2.1 V2X capability: which operation modes this EVSE supports for bidirectional transfer.
            // A charge-only EVSE still follows charging setpoints (CentralSetpoint within [0, limit]) but has no BPT mode.
            _entries.Add(new("V2XChargingCtrlr", evse, "SupportedOperationModes", options.Bidirectional
                    ? "ChargingOnly,CentralSetpoint,ExternalSetpoint,ExternalLimits,CentralFrequency,LocalFrequency,LocalLoadBalancing,Idle"
                    : "ChargingOnly,CentralSetpoint,ExternalLimits,Idle",
                MutabilityEnumType.ReadOnly, DataEnumType.MemberList));
            _entries.Add(new("V2XChargingCtrlr", evse, "SupportedEnergyTransferModes",
                options.Bidirectional ? "AC_single_phase,AC_three_phase,AC_BPT,DC,DC_BPT" : "AC_single_phase,AC_three_phase,DC",
                MutabilityEnumType.ReadOnly, DataEnumType.MemberList));
            _entries.Add(new("V2XChargingCtrlr", evse, "Available", "true", MutabilityEnumType.ReadOnly, DataEnumType.Boolean));
            _entries.Add(new("V2XChargingCtrlr", evse, "Enabled", "true", MutabilityEnumType.ReadWrite, DataEnumType.Boolean));
        }
    }

    public int Count { get { lock (_gate) return _entries.Count; } }

    public int HeartbeatIntervalSeconds
    {
        get { lock (_gate) return int.TryParse(Find("OCPPCommCtrlr", null, "HeartbeatInterval")?.Value, out var s) ? s : 300; }
    }

    public IReadOnlyList<ReportDataType> Report()
    {
        lock (_gate)
        {
            var report = new List<ReportDataType>(_entries.Count);
            foreach (var e in _entries)
            {
                report.Add(new ReportDataType
                {
                    Component = ComponentOf(e),
                    Variable = new VariableType { Name = e.Variable },
                    VariableAttribute =
                    [
                        new VariableAttributeType
                        {
                            Type = AttributeEnumType.Actual,
                            // WriteOnly values (passwords) are never reported.
                            Value = e.Mutability == MutabilityEnumType.WriteOnly ? null : e.Value,
                            Mutability = e.Mutability,
                        },
                    ],
                    VariableCharacteristics = new VariableCharacteristicsType
                    {
                        DataType = e.DataType, Unit = e.Unit, SupportsMonitoring = false,
                    },
                });
            }
            return report;
        }
    }

    public GetVariableResultType Get(GetVariableDataType request)
    {
        lock (_gate)
        {
            var entry = Find(request.Component.Name, request.Component.Evse?.Id, request.Variable.Name);
            var status = entry is null
                ? (KnowsComponent(request.Component.Name) ? GetVariableStatusEnumType.UnknownVariable : GetVariableStatusEnumType.UnknownComponent)
                : request.AttributeType is not null and not AttributeEnumType.Actual
                    ? GetVariableStatusEnumType.NotSupportedAttributeType
                    : entry.Mutability == MutabilityEnumType.WriteOnly ? GetVariableStatusEnumType.Rejected : GetVariableStatusEnumType.Accepted;
            return new GetVariableResultType
            {
                AttributeStatus = status,
                AttributeType = request.AttributeType,
                AttributeValue = status == GetVariableStatusEnumType.Accepted ? entry!.Value : null,
                Component = request.Component,
                Variable = request.Variable,
            };
        }
    }

    public SetVariableResultType Set(SetVariableDataType request)
    {
        lock (_gate)
        {
            var index = _entries.FindIndex(e => Matches(e, request.Component.Name, request.Component.Evse?.Id, request.Variable.Name));
            SetVariableStatusEnumType status;
            if (index < 0)
                status = KnowsComponent(request.Component.Name) ? SetVariableStatusEnumType.UnknownVariable : SetVariableStatusEnumType.UnknownComponent;
            else if (request.AttributeType is not null and not AttributeEnumType.Actual)
                status = SetVariableStatusEnumType.NotSupportedAttributeType;
            else if (_entries[index].Mutability == MutabilityEnumType.ReadOnly || !IsValid(_entries[index], request.AttributeValue))
                status = SetVariableStatusEnumType.Rejected;
            else
            {
                _entries[index] = _entries[index] with { Value = request.AttributeValue };
                status = SetVariableStatusEnumType.Accepted;
            }
            return new SetVariableResultType
            {
                AttributeStatus = status, AttributeType = request.AttributeType,
                Component = request.Component, Variable = request.Variable,
            };
        }
    }

    private static bool IsValid(Entry entry, string value) => entry.DataType switch
    {
        DataEnumType.Integer => int.TryParse(value, out _),
        DataEnumType.Decimal => decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _),
        DataEnumType.Boolean => value is "true" or "false",
        _ => true,
    };

    private static ComponentType ComponentOf(Entry e) =>
        new() { Name = e.Component, Evse = e.Evse is { } id ? new EVSEType { Id = id } : null };

    private Entry? Find(string component, int? evse, string variable) =>
        _entries.Find(e => Matches(e, component, evse, variable));

    private static bool Matches(Entry e, string component, int? evse, string variable) =>
        e.Component == component && e.Variable == variable && (evse is null || e.Evse == evse);

    private bool KnowsComponent(string component) => _entries.Exists(e => e.Component == component);
}
