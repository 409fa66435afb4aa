namespace V2gActors.Engine.Credentials;

/// <summary>
/// One asynchronous attempt shared by every caller until it fails: callers arriving while it runs, or after it
/// succeeded, get the same task; after a failure the next caller starts a new attempt. Thread-safe.
/// </summary>
public sealed class SharedAttempt<T>(Func<Task<T>> start)
{
    private readonly Lock _gate = new();
    private Task<T>? _current;

    public Task<T> Get()
    {
        lock (_gate)
        {
            if (_current is null || _current.IsFaulted || _current.IsCanceled) _current = start();
            return _current;
        }
    }
}
