using V2gActors.LoadTest.Scenarios;
using Xunit.Abstractions;

namespace V2gActors.LoadTest.Tests;

public sealed class ConnectionSoakTests(ITestOutputHelper output) : ScenarioTestBase(output)
{
    [Fact]
    public async Task Idle_connections_stay_open_and_memory_is_reported()
    {
        var report = await RunAsync(new ConnectionSoakScenario(), Small with { Chargers = 20 });

        Assert.Equal(20, report.FactNamed("connections held"));
        Assert.NotNull(report.FactNamed(ConnectionSoakScenario.ManagedPerThousand));
        Assert.NotNull(report.FactNamed(ConnectionSoakScenario.ResidentPerThousand));
    }
}
