using System.Collections.Immutable;
using Microsoft.Extensions.Configuration;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Chargers.Admission;
using V2gActors.Engine.Chargers.SmartCharging;
using V2gActors.Engine.Persistence;

namespace V2gActors.Engine.Hosting;

/// <summary>
/// Every engine setting, bound from the configuration section <c>"V2g"</c> (appsettings, env <c>V2g__Chargers__SnapshotEvery</c>,
/// command line). Mutable only for binding; the actors receive the immutable records made by the <c>To…</c> methods.
/// </summary>
public sealed class EngineOptions
{
    public const string SectionName = "V2g";

    /// <summary>Actor system name; every node of one cluster must use the same.</summary>
    public string ActorSystemName { get; set; } = "v2g";

    public RemotingSection Remoting { get; set; } = new();

    /// <summary>Cluster seed addresses (<c>akka.tcp://v2g@host:4053</c>); empty = a single node that joins itself.</summary>
    public string[] SeedNodes { get; set; } = [];

    /// <summary>Role, split brain resolver, failure detector and sharding of this cluster member.</summary>
    public ClusterSection Cluster { get; set; } = new();

    public PersistenceSection Persistence { get; set; } = new();

    public ChargersSection Chargers { get; set; } = new();

    public RegistrationSection Registration { get; set; } = new();

    public AuthorizationSection Authorization { get; set; } = new();

    public static EngineOptions FromConfiguration(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<EngineOptions>() ?? new EngineOptions();

    public PersistenceOptions ToPersistenceOptions() => Persistence.Provider switch
    {
        PersistenceProvider.Sqlite => (string.IsNullOrWhiteSpace(Persistence.ConnectionString)
            ? PersistenceOptions.DefaultSqlite
            : PersistenceOptions.Sqlite("") with { ConnectionString = Persistence.ConnectionString }) with
        {
            JournalBatchSize = Persistence.JournalBatchSize,
        },
        PersistenceProvider.PostgreSql => PersistenceOptions.PostgreSql(
            string.IsNullOrWhiteSpace(Persistence.ConnectionString)
                ? throw new InvalidOperationException("V2g:Persistence:ConnectionString is required for PostgreSql.")
                : Persistence.ConnectionString) with { JournalBatchSize = Persistence.JournalBatchSize },
        _ => throw new InvalidOperationException($"Unknown persistence provider {Persistence.Provider}."),
    };

    public ChargerSettings ToChargerSettings() => new(
        new RegistrationPolicy(
            Registration.DefaultStatus,
            [.. Registration.Allow],
            [.. Registration.Deny],
            Registration.HeartbeatIntervalSeconds,
            Registration.PendingRetryIntervalSeconds)
        {
            // One gate per call: the engine calls this once per node, so all entities of the node share it.
            Admission = new BootAdmission(Registration.BootsPerSecond, Registration.BootBurst),
        },
        new AuthorizationPolicy([.. Authorization.DeniedIdTokens]),
        Math.Max(1, Chargers.SnapshotEvery),
        TimeSpan.FromSeconds(Chargers.PassivateAfterDisconnectedSeconds),
        Chargers.PullDeviceModelOnBoot,
        new SetpointPacing((decimal)Math.Max(0, Chargers.SetpointMinimumChange), Math.Max(0.1, Chargers.SetpointMaxFramesPerSecond),
            Math.Max(1, Chargers.SetpointBurst)));

    /// <summary>Plug &amp; Charge and station certificates (Chargers/Certificates).</summary>
    public CertificatesSection Certificates { get; set; } = new();

    public global::V2gActors.Engine.Chargers.Certificates.CsmsCertificateAuthority ToCertificateAuthority() => new(Certificates.Folder);

    public sealed class CertificatesSection
    {
        /// <summary>Where the development V2G PKI lives (generated on first use; see <c>pki generate</c>).</summary>
        public string Folder { get; set; } = "./data/pki/v2g";
    }

    public sealed class RemotingSection
    {
        /// <summary>Loopback by default; set to the node's address for a multi-node cluster.</summary>
        public string Hostname { get; set; } = "127.0.0.1";

        /// <summary>0 picks a free port (tests).</summary>
        public int Port { get; set; } = 4053;

        public string? PublicHostname { get; set; }
    }

    public sealed class PersistenceSection
    {
        public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

        /// <summary>Empty = <c>Data Source=./data/v2gactors.db</c> for SQLite; required for PostgreSQL.</summary>
        public string? ConnectionString { get; set; }

        public int JournalBatchSize { get; set; } = 100;
    }

    public sealed class ChargersSection
    {
        public int NumberOfShards { get; set; } = 100;

        /// <summary>Snapshot after every N journaled events of one charger.</summary>
        public int SnapshotEvery { get; set; } = 100;

        /// <summary>An entity whose station stays offline this long stops and is forgotten by remember-entities.</summary>
        public double PassivateAfterDisconnectedSeconds { get; set; } = 300;

        /// <summary>How long a CSMS→charger CALL waits for its CALLRESULT.</summary>
        public double CommandTimeoutSeconds { get; set; } = 30;

        /// <summary>Send GetBaseReport(FullInventory) after the first accepted/pending boot of a station without device model.</summary>
        public bool PullDeviceModelOnBoot { get; set; } = true;

        /// <summary>Smart charging: an UpdateDynamicSchedule moving the setpoint less than this (W or A, as the profile) is not sent.</summary>
        public double SetpointMinimumChange { get; set; } = 10;

        /// <summary>Smart charging: UpdateDynamicSchedule frames per station per second on average (newer values replace waiting ones).</summary>
        public double SetpointMaxFramesPerSecond { get; set; } = 10;

        /// <summary>Smart charging: how many UpdateDynamicSchedule frames a station may get back to back before the average applies.</summary>
        public int SetpointBurst { get; set; } = 10;
    }

    public sealed class RegistrationSection
    {
        public RegistrationStatus DefaultStatus { get; set; } = RegistrationStatus.Accepted;

        /// <summary>When non-empty, only these stations are accepted; all others are Rejected.</summary>
        public string[] Allow { get; set; } = [];

        /// <summary>Always Rejected.</summary>
        public string[] Deny { get; set; } = [];

        public int HeartbeatIntervalSeconds { get; set; } = 300;

        /// <summary>Interval sent with Pending/Rejected: the minimum wait before the next BootNotification.</summary>
        public int PendingRetryIntervalSeconds { get; set; } = 30;

        /// <summary>
        /// Boot-storm gate: stations Accepted per second on this node (0 = no gate). Beyond it a booting station gets
        /// Pending with the interval of a booked slot (see <c>BootAdmission</c>).
        /// </summary>
        public double BootsPerSecond { get; set; } = 500;

        /// <summary>Stations Accepted at once before <see cref="BootsPerSecond"/> spacing applies.</summary>
        public int BootBurst { get; set; } = 1000;
    }

    public sealed class AuthorizationSection
    {
        /// <summary>idTokens answered Invalid; every other token is Accepted.</summary>
        public string[] DeniedIdTokens { get; set; } = [];
    }
}
