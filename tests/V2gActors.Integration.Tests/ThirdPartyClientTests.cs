using System.Diagnostics;
using V2gActors.Engine.Chargers;

namespace V2gActors.Integration.Tests;

/// <summary>
/// Interoperability: the independent OCPP-J implementation <c>ocpp-rpc</c> (Node.js, strict mode: it validates what it
/// sends and every response it receives against its own bundled OCPP 2.0.1 schemas) boots, reports status and sends a
/// TransactionEvent. tests/run-all.sh installs it (npm ci); run that first when running this test alone.
/// </summary>
public sealed class ThirdPartyClientTests
{
    [Fact]
    public async Task Ocpp_rpc_client_speaking_2_0_1_boots_and_sends_a_transaction()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "thirdparty", "ocpp-rpc");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "ocpp-rpc")),
            $"The third-party client is not installed: run `npm ci` in {folder} (tests/run-all.sh does).");

        await using var node = await TestNode.StartAsync(TempFiles.SqlitePath());
        var start = new ProcessStartInfo("node", ["boot-and-transact.mjs", node.OcppUri.ToString(), "THIRDPARTY-1", TestNode.Password])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"ocpp-rpc client failed ({process.ExitCode}):\n{output}");
        Assert.Contains("\"step\":\"TransactionEvent\"", output);
        Assert.Contains("\"status\":\"Accepted\"", output);

        var state = await node.StateAsync("THIRDPARTY-1");
        Assert.Equal(RegistrationStatus.Accepted, state.Registration);
        Assert.Equal("ThirdParty-201", state.Station!.Model);
        Assert.Contains(state.OpenTransactions, t => t.TransactionId == "tp-THIRDPARTY-1");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "V2gActors.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }
}
