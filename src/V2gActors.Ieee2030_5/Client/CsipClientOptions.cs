using System.Security.Cryptography.X509Certificates;

namespace V2gActors.Ieee2030_5.Client;

/// <summary>How an aggregator connects to one 2030.5 server for one EndDevice.</summary>
public sealed record CsipClientOptions
{
    public required Uri ServerBaseAddress { get; init; }
    public required X509Certificate2 ClientCertificate { get; init; }
    public required X509Certificate2 TrustedRoot { get; init; }

    /// <summary>Where discovery starts (normally learnt through DNS-SD; /dcap by convention).</summary>
    public string DeviceCapabilityPath { get; init; } = "/dcap";

    /// <summary>The EndDevice's LFDI: a site behind the aggregator, or null for the certificate's own.</summary>
    public byte[]? EndDeviceLfdi { get; init; }

    /// <summary>Seed for randomizeStart/randomizeDuration offsets (per device and event, repeatable).</summary>
    public ulong RandomizationSeed { get; init; }

    /// <summary>Largest list page requested; lists longer than this are read page by page.</summary>
    public uint PageSize { get; init; } = 64;

    /// <summary>
    /// True: Responses follow the arbiter's clock (received, started at the start time, completed at the end). False:
    /// the owner posts them through <see cref="CsipClient.RespondAsync"/> from what the DER really did.
    /// </summary>
    public bool AutomaticResponses { get; init; } = true;

    /// <summary>Local wall clock; the server offset learnt from Time is applied on top.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}
