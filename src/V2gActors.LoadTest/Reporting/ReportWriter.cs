using System.Text.Json;
using System.Text.Json.Serialization;

namespace V2gActors.LoadTest.Reporting;

/// <summary>Writes <c>{scenario}-{yyyyMMdd-HHmmss}.json</c> and <c>.md</c> into a folder; returns both paths.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Percentiles of an empty series are 0, never NaN; still, a NaN must not make the whole report unwritable.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<(string Json, string Markdown)> WriteAsync(ScenarioReport report, string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{report.Scenario}-{report.StartedAt:yyyyMMdd-HHmmss}");
        var jsonPath = stem + ".json";
        var markdownPath = stem + ".md";
        await File.WriteAllTextAsync(jsonPath, ToJson(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(markdownPath, ReportText.Markdown(report), cancellationToken).ConfigureAwait(false);
        return (jsonPath, markdownPath);
    }

    public static string ToJson(ScenarioReport report) => JsonSerializer.Serialize(report, Json);

    public static ScenarioReport? FromJson(string json) => JsonSerializer.Deserialize<ScenarioReport>(json, Json);
}
