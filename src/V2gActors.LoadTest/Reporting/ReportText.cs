using System.Globalization;
using System.Text;

namespace V2gActors.LoadTest.Reporting;

/// <summary>Renders a report as Markdown (also readable on a console, so the runner prints the same text).</summary>
public static class ReportText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Markdown(ScenarioReport report)
    {
        var md = new StringBuilder();
        md.Append(Inv, $"# Load scenario `{report.Scenario}`: {(report.Passed ? "all checks passed" : "CHECKS FAILED")}\n\n");
        md.Append(Inv, $"- started: {report.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, elapsed {report.Elapsed.TotalSeconds:F1} s\n");
        md.Append(Inv, $"- target: {report.Target}\n");
        var m = report.Machine;
        md.Append(Inv, $"- machine: {m.Cores} cores, {m.MemoryGiB} GiB, {m.Os}, {m.Runtime}, server GC {m.ServerGc}\n");
        md.Append(Inv, $"- load average before / after: {m.LoadAverageBefore} / {m.LoadAverageAfter}\n");
        md.Append("- parameters: ").AppendJoin(", ", report.Parameters.Select(p => $"{p.Key}={p.Value}")).Append("\n\n");

        if (report.Series.Count > 0)
        {
            md.Append("| series | ok | failed | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms | msgs/s |\n");
            md.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var s in report.Series.OrderBy(s => s.Series, StringComparer.Ordinal))
                md.Append(Inv, $"| {s.Series} | {s.Count} | {s.Failed} | {s.P50Ms:F2} | {s.P90Ms:F2} | {s.P99Ms:F2} | {s.P999Ms:F2} | {s.MaxMs:F2} | {s.MeanMs:F2} | {s.PerSecond:F0} |\n");
            md.Append('\n');
        }
        if (report.Facts.Count > 0)
        {
            md.Append("| fact | value | unit |\n|---|---:|---|\n");
            foreach (var f in report.Facts) md.Append(Inv, $"| {f.Name} | {f.Value:0.###} | {f.Unit} |\n");
            md.Append('\n');
        }
        md.Append("Checks:\n");
        foreach (var c in report.Checks) md.Append(Inv, $"- [{(c.Passed ? "x" : " ")}] {c.Name}: {c.Detail}\n");
        return md.ToString();
    }
}
