using V2gActors.Engine.Credentials;

namespace V2gActors.Engine.Tests.Chargers;

public sealed class SharedAttemptTests
{
    [Fact]
    public async Task Callers_share_one_attempt_until_it_fails()
    {
        var started = 0;
        var outcome = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempt = new SharedAttempt<int>(() =>
        {
            Interlocked.Increment(ref started);
            return outcome.Task;
        });

        var first = attempt.Get();
        Assert.Same(first, attempt.Get()); // still running: shared
        outcome.SetException(new InvalidOperationException("down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => first);

        outcome = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        outcome.SetResult(7);
        var second = attempt.Get(); // the failed one is not handed out again
        Assert.NotSame(first, second);
        Assert.Equal(7, await second);
        Assert.Same(second, attempt.Get()); // succeeded: shared from now on
        Assert.Equal(2, started);
    }
}
