using System.Text;
using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using V2gActors.Engine.Chargers;
using V2gActors.Engine.Persistence;
using V2gActors.Engine.Tests.Support;
using V2gActors.Ocpp;
using V2gActors.Ocpp.Rpc;
using V2gActors.Ocpp.Transport;

namespace V2gActors.Engine.Tests.Connections;

/// <summary>
/// The whole path the transport uses: the DI-registered <see cref="IOcppConnectionHandler"/> → connection actor →
/// sharded persistent entity → frames written back to the socket, and a CSMS command the other way.
/// </summary>
public sealed class EngineEndToEndTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"v2g-e2e-{Guid.NewGuid():N}", "v2g.db");
    private EngineNode _node = null!;

    public async Task InitializeAsync() => _node = await EngineNode.StartAsync(EngineNode.OptionsFor(PersistenceOptions.Sqlite(_file)));

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
    }

    [Fact]
    public async Task Charger_boots_through_the_handler_and_receives_a_command()
    {
        var handler = _node.Services.GetRequiredService<IOcppConnectionHandler>();
        var socket = new RecordingConnection("CS-E2E", "c-1", OcppVersion.V21);
        await handler.OnOpenedAsync(socket);

        await handler.OnFrameAsync(socket, new CallFrame("b-1", "BootNotification", Encoding.UTF8.GetBytes(OcppSamples.Boot())));
        var boot = socket.Expect<CallResultFrame>(TimeSpan.FromSeconds(20));
        Assert.Equal("b-1", boot.MessageId);
        Assert.Equal("Accepted", JsonDocument.Parse(boot.Payload).RootElement.GetProperty("status").GetString());

        await handler.OnFrameAsync(socket, new CallFrame("b-2", "BootNotification", Encoding.UTF8.GetBytes("""{"reason":"PowerUp"}""")));
        Assert.Equal(OcppErrorCode.OccurrenceConstraintViolation, socket.Expect<CallErrorFrame>().ErrorCode);

        var pending = _node.Chargers.Ask<ChargerCommandCompleted>(
            new SendChargerCommand("CS-E2E", "Reset", OcppSamples.ResetImmediate), TimeSpan.FromSeconds(10));
        var reset = socket.Expect<CallFrame>(TimeSpan.FromSeconds(5));
        Assert.Equal("Reset", reset.Action);
        await handler.OnFrameAsync(socket, new CallResultFrame(reset.MessageId, """{"status":"Accepted"}"""u8.ToArray()));
        var done = await pending;
        Assert.Equal(CommandOutcome.Completed, done.Outcome);
        Assert.Equal("""{"status":"Accepted"}""", done.ResultJson);

        await handler.OnClosedAsync(socket, "bye");
        await AwaitOffline();
        var offline = await _node.Chargers.Ask<ChargerCommandCompleted>(
            new SendChargerCommand("CS-E2E", "Reset", OcppSamples.ResetImmediate), TimeSpan.FromSeconds(10));
        Assert.Equal(CommandOutcome.Offline, offline.Outcome);
    }

    private async Task AwaitOffline()
    {
        for (var i = 0; i < 50; i++)
        {
            var state = await _node.Chargers.Ask<ChargerStateView>(new GetChargerState("CS-E2E"), TimeSpan.FromSeconds(5));
            if (!state.Connected) return;
            await Task.Delay(100);
        }
        Assert.Fail("The entity never noticed the close.");
    }
}
