namespace V2gActors.Ieee2030_5.Xml;

/// <summary>Why a body could not be turned into a resource. Servers map every reason to HTTP 400 + Error.</summary>
public enum SepXmlFailure
{
    TooLarge,
    ProhibitedDtd,
    Malformed,
    UnexpectedRoot,
}

/// <summary>Raised by <see cref="SepXml"/> for any input it refuses; the only exception the codec lets escape.</summary>
public sealed class SepXmlException(SepXmlFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public SepXmlFailure Failure { get; } = failure;
}
