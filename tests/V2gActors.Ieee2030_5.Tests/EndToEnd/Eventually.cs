namespace V2gActors.Ieee2030_5.Tests.EndToEnd;

/// <summary>Waits for something another task (poller, notification delivery) makes true.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return;
            await Task.Delay(50);
        }
        Assert.Fail($"timed out waiting for: {what}");
    }
}
