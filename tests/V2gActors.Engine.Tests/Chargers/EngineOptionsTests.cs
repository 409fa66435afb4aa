using Microsoft.Extensions.Configuration;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Hosting;
using V2gActors.Engine.Persistence;

namespace V2gActors.Engine.Tests.Chargers;

public sealed class EngineOptionsTests
{
    [Fact]
    public void Options_bind_from_the_V2g_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["V2g:Persistence:Provider"] = "PostgreSql",
            ["V2g:Persistence:ConnectionString"] = "Host=db",
            ["V2g:Registration:DefaultStatus"] = "Pending",
            ["V2g:Registration:Deny:0"] = "CS-X",
            ["V2g:Registration:HeartbeatIntervalSeconds"] = "60",
            ["V2g:Authorization:DeniedIdTokens:0"] = "BAD",
            ["V2g:Chargers:SnapshotEvery"] = "10",
            ["V2g:Chargers:PassivateAfterDisconnectedSeconds"] = "2.5",
            ["V2g:Chargers:SetpointMinimumChange"] = "50",
            ["V2g:Chargers:SetpointMaxFramesPerSecond"] = "2",
            ["V2g:Chargers:SetpointBurst"] = "3",
        }).Build();

        var options = EngineOptions.FromConfiguration(configuration);
        var settings = options.ToChargerSettings();

        Assert.Equal(PersistenceOptions.PostgreSql("Host=db"), options.ToPersistenceOptions());
        Assert.Equal(RegistrationStatus.Pending, settings.Registration.Decide("CS-1"));
        Assert.Equal(RegistrationStatus.Rejected, settings.Registration.Decide("CS-X"));
        Assert.Equal(60, settings.Registration.IntervalFor(RegistrationStatus.Accepted));
        Assert.False(settings.Authorization.IsAccepted("BAD"));
        Assert.Equal(10, settings.SnapshotEvery);
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.PassivateAfterDisconnected);
        Assert.Equal(new V2gActors.Engine.Chargers.SmartCharging.SetpointPacing(50m, 2, 3), settings.SetpointPacing);
    }

    [Fact]
    public void Defaults_are_a_local_sqlite_file_and_accept_all()
    {
        var options = EngineOptions.FromConfiguration(new ConfigurationBuilder().Build());

        Assert.Equal(PersistenceOptions.DefaultSqlite, options.ToPersistenceOptions());
        Assert.Equal("Data Source=./data/v2gactors.db", options.ToPersistenceOptions().ConnectionString);
        Assert.Equal(RegistrationStatus.Accepted, options.ToChargerSettings().Registration.Decide("anyone"));
        Assert.Equal(4053, options.Remoting.Port);
    }

    [Fact]
    public void An_allow_list_admits_only_its_stations()
    {
        var policy = RegistrationPolicy.AcceptAll with { Allow = ["CS-1"], Deny = ["CS-1-OLD"] };
        Assert.Equal(RegistrationStatus.Accepted, policy.Decide("CS-1"));
        Assert.Equal(RegistrationStatus.Rejected, policy.Decide("CS-2"));
        Assert.Equal(RegistrationStatus.Rejected, policy.Decide("CS-1-OLD"));
    }
}
