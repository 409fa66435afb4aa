using System.Diagnostics;
using System.Text.Json;

namespace V2gActors.Cmd.Tests;

/// <summary>What one v2gcmd process did.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public string Status => Json.GetProperty("status").GetString()!;

    /// <summary>Rows of the first table titled (or, with null, of the first table) in the --json output.</summary>
    public IReadOnlyList<JsonElement> Rows(string? titleStartsWith = null) =>
        Json.GetProperty("output").EnumerateArray()
            .Where(o => o.GetProperty("type").GetString() == "table")
            .First(o => titleStartsWith is null || (o.TryGetProperty("title", out var t) && t.GetString()!.StartsWith(titleStartsWith, StringComparison.Ordinal)))
            .GetProperty("rows").EnumerateArray().ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the real CLI (<c>dotnet v2gcmd.dll …</c>) built beside this test project, as an operator's shell would.</summary>
public static class CliProcess
{
    public static string CliDll { get; } = FindCli();

    public static async Task<CliRun> RunAsync(IEnumerable<string> args, string? stdin = null, string? tokenVariable = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The developer's own token must never leak into a test that checks refusals.
        start.Environment.Remove("V2G_CMD_TOKEN");
        if (tokenVariable is not null) start.Environment["V2G_CMD_TOKEN"] = tokenVariable;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"v2gcmd {string.Join(' ', args)} did not finish in 2 minutes.");
        }
        return new CliRun(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync((IEnumerable<string>)args);

    /// <summary>src/V2gActors.Cmd.Cli/bin/{Configuration}/net10.0/v2gcmd.dll, same configuration as these tests.</summary>
    private static string FindCli()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testDir.Name;               // net10.0
        var configuration = testDir.Parent!.Name;   // Debug | Release
        for (var dir = testDir; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "V2gActors.Cmd.Cli", "bin", configuration, framework, "v2gcmd.dll");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"v2gcmd.dll ({configuration}/{framework}) not found above {testDir.FullName}; build src/V2gActors.Cmd.Cli.");
    }
}
