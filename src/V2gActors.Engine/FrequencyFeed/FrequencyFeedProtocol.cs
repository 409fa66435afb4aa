using System.Collections.Immutable;
using Akka.Actor;

namespace V2gActors.Engine.FrequencyFeed;

// The feed's listeners and its actor live on the same node (the samples go to that node's GridIngress), so none of
// these messages crosses nodes or needs the serializer.

/// <summary>A listener decoded a sample; <paramref name="ReceivedAt"/> is when the socket read returned (the ingress stamp).</summary>
public sealed record FrequencySampleReceived(FrequencySample Sample, DateTimeOffset ReceivedAt, string Transport)
    : INoSerializationVerificationNeeded;

/// <summary>A listener could not decode a datagram or message (counted and logged by the feed actor).</summary>
public sealed record FrequencySampleRefused(string Transport, string Remote, string Reason) : INoSerializationVerificationNeeded
{
    /// <summary>Refused for a missing or wrong seal (counted apart from undecodable samples).</summary>
    public bool Unauthenticated { get; init; }
}

public sealed record GetFrequencyFeedState : INoSerializationVerificationNeeded
{
    public static GetFrequencyFeedState Instance { get; } = new();
}

/// <summary>What the feed has seen: forwarded samples, and the dropped ones by reason.</summary>
public sealed record FrequencyFeedView(
    long Forwarded,
    double? LastHz,
    DateTimeOffset? LastReceivedAt,
    ImmutableDictionary<string, long> Dropped,
    ImmutableDictionary<string, long> LastSequenceBySource) : INoSerializationVerificationNeeded;

/// <param name="GridIngress">Where accepted samples go (this node's <c>GridIngressActor</c>).</param>
/// <param name="MinHz">Plausibility band: a reading outside it is a meter fault, not a grid event, and is dropped.</param>
/// <param name="MaxAge">A sample whose <c>ts</c> is older than this on arrival is dropped (zero: no age check).</param>
public sealed record FrequencyFeedSettings(IActorRef GridIngress, double MinHz = 40, double MaxHz = 70, TimeSpan MaxAge = default);
