namespace V2gActors.Iso15118.Secc;

/// <summary>
/// The seam between one SECC session and whatever dispatches it (later the VehicleSession actor): dispatch writes the
/// setpoint with <see cref="UpdateSetpoint"/> from any thread; the charge loop reads <see cref="CurrentSetpoint"/>
/// without locking; the EV's bounds flow out through <see cref="Bounds"/>; <see cref="Completion"/> resolves when the
/// session ends, for whatever reason.
/// </summary>
public sealed class SeccSessionContext(IVehicleBoundsSink? bounds = null, SeccSetpoint? initial = null) : ISessionSetpointSource
{
    private SeccSetpoint _setpoint = initial ?? SeccSetpoint.Idle;
    private readonly TaskCompletionSource<SeccSessionEnd> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SeccSetpoint CurrentSetpoint => Volatile.Read(ref _setpoint);

    public IVehicleBoundsSink Bounds { get; } = bounds ?? NoBoundsSink.Instance;

    public Task<SeccSessionEnd> Completion => _completion.Task;

    public void UpdateSetpoint(SeccSetpoint setpoint)
    {
        ArgumentNullException.ThrowIfNull(setpoint);
        Volatile.Write(ref _setpoint, setpoint);
    }

    /// <summary>First end wins: a transport close after a SessionStop must not overwrite "Terminated".</summary>
    public void Complete(SeccSessionEnd end) => _completion.TrySetResult(end);
}
