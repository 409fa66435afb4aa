namespace V2gActors.Node.Demo;

/// <summary>Configuration section <c>V2g:Csip:Demo</c>: the DSO that <c>--demo</c> plays over 2030.5.</summary>
public sealed class DsoDemoOptions
{
    public const string SectionName = "V2g:Csip:Demo";

    public bool Enabled { get; set; } = true;

    /// <summary>The fleet the DSO's events are addressed to (its EndDevice), when <c>V2g:Csip:Fleets</c> names none.</summary>
    public string FleetId { get; set; } = "north";

    /// <summary>Seconds between the scenario's events (frequency, volt-var, export limit, then again).</summary>
    public double StepSeconds { get; set; } = 20;

    /// <summary>How long each event lasts.</summary>
    public double EventSeconds { get; set; } = 45;
}
