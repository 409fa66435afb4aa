namespace V2gActors.Iso15118.Secc;

/// <summary>
/// The power the session has been told to hold, as dispatch last set it. Positive charges the EV, negative discharges
/// it (V2G). The optional limits narrow what the SECC may offer the EV around that setpoint (e.g. a site limit);
/// null means "only the EVSE's and the EV's own limits apply".
/// </summary>
public sealed record SeccSetpoint(double PowerW, double? MaxChargePowerW = null, double? MaxDischargePowerW = null)
{
    public static SeccSetpoint Idle { get; } = new(0);
}

/// <summary>
/// Where the charge loop reads its answer from. Implementations must return immediately: the -20 charge loop has a
/// tight response budget, so the SECC answers from what the session already holds and never waits on dispatch.
/// </summary>
public interface ISessionSetpointSource
{
    SeccSetpoint CurrentSetpoint { get; }
}
