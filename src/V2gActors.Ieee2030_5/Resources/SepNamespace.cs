namespace V2gActors.Ieee2030_5.Resources;

/// <summary>The one XML namespace every 2030.5 resource lives in, and the schema version we write.</summary>
public static class SepNamespace
{
    public const string Uri = "urn:ieee:std:2030.5:ns";

    /// <summary>2030.5 requires the top-level element to carry schemaVer; we speak the 2.2 schema's model.</summary>
    public const string SchemaVersion = "2.2";

    public const string MediaType = "application/sep+xml";
}
