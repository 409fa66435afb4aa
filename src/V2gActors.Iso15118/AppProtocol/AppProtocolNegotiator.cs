using V2gActors.Iso15118.Exi.Generated.AppProtocol;

namespace V2gActors.Iso15118.AppProtocol;

/// <summary>Outcome of the handshake: the response to send and, when successful, the protocol the session will run.</summary>
public sealed record AppProtocolNegotiation(ResponseCodeType ResponseCode, byte? SchemaId, SeccAppProtocol? Selected)
{
    public bool Succeeded => Selected is not null;

    public SupportedAppProtocolResType ToResponse() => new() { ResponseCode = ResponseCode, SchemaID = SchemaId };
}

/// <summary>
/// supportedAppProtocol negotiation on the SECC side (ISO 15118-2 §8.2 handshake, reused by -20): among the
/// EV's offers whose namespace and major version the SECC supports, take the one with the best EV priority
/// (1 = highest). Equal minor version → OK_SuccessfulNegotiation; other minor → ..WithMinorDeviation; no
/// match → Failed_NoNegotiation without SchemaID. Pure: no I/O, no state.
/// </summary>
public static class AppProtocolNegotiator
{
    public static AppProtocolNegotiation Negotiate(SupportedAppProtocolReqType request, IReadOnlyList<SeccAppProtocol> supported)
    {
        AppProtocolType? bestOffer = null;
        SeccAppProtocol? bestMatch = null;
        foreach (var offer in request.AppProtocol)
        {
            var match = supported.FirstOrDefault(s => s.Namespace == offer.ProtocolNamespace && s.MajorVersion == offer.VersionNumberMajor);
            if (match is null) continue;
            // Strictly better only: on equal priority the EV's first listed offer stands.
            if (bestOffer is null || offer.Priority < bestOffer.Priority)
            {
                bestOffer = offer;
                bestMatch = match;
            }
        }
        if (bestOffer is null || bestMatch is null)
            return new AppProtocolNegotiation(ResponseCodeType.Failed_NoNegotiation, null, null);

        var code = bestOffer.VersionNumberMinor == bestMatch.MinorVersion
            ? ResponseCodeType.OK_SuccessfulNegotiation
            : ResponseCodeType.OK_SuccessfulNegotiationWithMinorDeviation;
        return new AppProtocolNegotiation(code, bestOffer.SchemaID, bestMatch);
    }
}
