using System.Collections.Immutable;
using V2gActors.Ocpp.Messages.V21;

namespace V2gActors.Engine.Chargers.SmartCharging;

/// <summary>What one EVSE reported about V2X in its Device Model (OCPP 2.1 component <c>V2XChargingCtrlr</c>).</summary>
public sealed record EvseV2xCapability(bool Enabled, bool Bidirectional, ImmutableHashSet<OperationModeEnumType> OperationModes);

/// <summary>
/// Which EVSEs of a station may discharge and in which operation modes, read from the Device Model the station reported
/// (NotifyReport): <c>V2XChargingCtrlr[evse].Enabled</c>/<c>Available</c>, <c>SupportedEnergyTransferModes</c> (a *_BPT
/// mode means bidirectional power transfer) and <c>SupportedOperationModes</c>. Pure.
/// <para>
/// A station whose Device Model is not known yet (<see cref="Known"/> false) is not judged: nothing is refused on
/// capability grounds until the report arrives (the CSMS pulls it at boot). Once known, an EVSE without a
/// V2XChargingCtrlr is charge-only.
/// </para>
/// </summary>
public sealed record V2xCapabilities(bool Known, ImmutableDictionary<int, EvseV2xCapability> ByEvse)
{
    public const string Component = "V2XChargingCtrlr";

    public static V2xCapabilities Unknown { get; } = new(false, ImmutableDictionary<int, EvseV2xCapability>.Empty);

    public static V2xCapabilities From(ImmutableArray<DeviceVariable> deviceModel)
    {
        if (deviceModel.IsDefaultOrEmpty) return Unknown;
        var byEvse = deviceModel
            .Where(v => v.Component == Component && v.EvseId is > 0 && v.AttributeType == "Actual")
            .GroupBy(v => v.EvseId!.Value)
            .ToImmutableDictionary(g => g.Key, g => Read(g.ToList()));
        return new V2xCapabilities(true, byEvse);
    }

    private static EvseV2xCapability Read(List<DeviceVariable> variables)
    {
        string? Value(string name) => variables.Find(v => v.Variable == name)?.Value;
        var enabled = !IsFalse(Value("Enabled")) && !IsFalse(Value("Available"));
        var modes = (Value("SupportedOperationModes") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(m => Enum.TryParse<OperationModeEnumType>(m, out var mode) ? mode : (OperationModeEnumType?)null)
            .OfType<OperationModeEnumType>()
            .ToImmutableHashSet();
        var transferModes = Value("SupportedEnergyTransferModes");
        // Without SupportedEnergyTransferModes, a listed discharging mode is taken as the station's word that it can discharge.
        var bidirectional = transferModes is null
            ? modes.Any(OperationModes.CanDischarge)
            : transferModes.Contains("_BPT", StringComparison.Ordinal);
        return new EvseV2xCapability(enabled, enabled && bidirectional, enabled ? modes : []);
    }

    private static bool IsFalse(string? value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when the EVSE may run <paramref name="mode"/>; otherwise why not. EVSE 0 = any EVSE of the station.</summary>
    public string? RefuseMode(int evseId, OperationModeEnumType mode)
    {
        if (!Known || mode == OperationModeEnumType.ChargingOnly) return null;
        var candidates = Candidates(evseId);
        if (candidates.Count == 0) return $"EVSE {evseId} reported no {Component} (no V2X support), so operationMode {mode} cannot be used";
        if (candidates.Exists(c => c.OperationModes.Contains(mode))) return null;
        return $"EVSE {evseId} does not list operationMode {mode} in {Component}.SupportedOperationModes";
    }

    /// <summary>Null when the EVSE may discharge; otherwise why not.</summary>
    public string? RefuseDischarge(int evseId)
    {
        if (!Known || Candidates(evseId).Exists(c => c.Bidirectional)) return null;
        return $"EVSE {evseId} is not bidirectional (its {Component} reports no enabled BPT energy transfer), so it cannot discharge";
    }

    private List<EvseV2xCapability> Candidates(int evseId) => evseId == 0
        ? [.. ByEvse.Values]
        : ByEvse.TryGetValue(evseId, out var one) ? [one] : [];
}

/// <summary>Facts about OCPP 2.1 operation modes that the rules share.</summary>
public static class OperationModes
{
    /// <summary>Modes in which the EVSE may deliver power to the grid (everything but charge-only and idle).</summary>
    public static bool CanDischarge(OperationModeEnumType mode) =>
        mode is not (OperationModeEnumType.ChargingOnly or OperationModeEnumType.Idle);
}
