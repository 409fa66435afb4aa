using V2gActors.Iso15118.Sdp;
using V2gActors.Iso15118.Transport;

namespace V2gActors.Simulators.Vehicles;

/// <summary>
/// A simulated EV: discovers the SECC with SDP, connects over TCP + TLS 1.3 and runs one ISO 15118-20 DC BPT
/// session (<see cref="EvccSession"/>). Never throws for protocol or network trouble: the result says what broke.
/// </summary>
public static class EvccSimulator
{
    public static async Task<EvccSessionResult> RunAsync(EvccSimulatorOptions options, CancellationToken ct = default)
    {
        var found = await SdpClient.DiscoverAsync(options.SdpServer, SdpSecurity.Tls, options.SdpTimeout, options.SdpAttempts, ct);
        if (found is null) return new EvccSessionResult(false, "SDP: no SECC answered", null, [], []);
        if (found.Security != SdpSecurity.Tls) return new EvccSessionResult(false, "SDP: SECC offers no TLS", null, [], []);

        V2gtpClientConnection connection;
        try
        {
            connection = await V2gtpClientConnection.ConnectTlsAsync(found.EndPoint, options.TrustedRoot, options.TargetHost, options.MessageTimeout * 5, ct);
        }
        catch (V2gtpClientException e)
        {
            return new EvccSessionResult(false, e.Message, null, [$"SDP: {found.EndPoint}"], []);
        }
        await using (connection)
        {
            var session = new EvccSession(connection, options);
            return await session.RunAsync(ct);
        }
    }
}
