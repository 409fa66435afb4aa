namespace V2gActors.Iso15118.Exi;

/// <summary>The message handed to an encoder does not fit its schema (missing required field, value out of range).</summary>
public sealed class ExiEncodeException(string message) : Exception(message);
