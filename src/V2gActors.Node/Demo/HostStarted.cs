namespace V2gActors.Node.Demo;

/// <summary>The demo services start once Kestrel listens and the actor system runs.</summary>
internal static class HostStarted
{
    /// <summary>True once the host started; false when it stops first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetCanceled());
        try { await started.Task.ConfigureAwait(false); return true; }
        catch (OperationCanceledException) { return false; }
    }
}
