using V2gActors.Ocpp.Messages.V21;
using V2gActors.Ocpp.Transport.Client;
using V2gActors.Simulators.Chargers.Certificates;

namespace V2gActors.Simulators.Chargers;

/// <summary>
/// The charger side of OCPP 2.1 certificate management and ISO 15118 Plug &amp; Charge: CSR generation for
/// SignCertificate, CertificateSigned checked against the pending key, an installed-certificate store answering
/// Install/GetInstalledCertificateIds/Delete, and the charger→CSMS calls GetCertificateStatus, Get15118EVCertificate
/// and Authorize with ISO 15118 certificate hash data.
/// </summary>
public sealed partial class SimulatedCharger
{
    public SimulatedCertificateStore Certificates { get; } = new();

    /// <summary>Sends SignCertificate with a fresh CSR (CN = station id); the answer's status, or null if none came.</summary>
    public async Task<GenericStatusEnumType?> RequestCertificateAsync(CertificateSigningUseEnumType use, int? requestId = null)
    {
        var csr = Certificates.NewSigningRequest(use, StationId, _options.VendorName);
        return (await SendAsync<SignCertificateResponse>("SignCertificate",
            new SignCertificateRequest { Csr = csr, CertificateType = use, RequestId = requestId }).ConfigureAwait(false))?.Status;
    }

    public Task<GetCertificateStatusResponse?> GetCertificateStatusAsync(OCSPRequestDataType data) =>
        SendAsync<GetCertificateStatusResponse>("GetCertificateStatus", new GetCertificateStatusRequest { OcspRequestData = data });

    /// <summary>C07: Authorize an eMAID with the hash data of its contract chain (the station could not check OCSP itself).</summary>
    public Task<AuthorizeResponse?> AuthorizeContractAsync(string emaid, IReadOnlyList<OCSPRequestDataType> chain) =>
        SendAsync<AuthorizeResponse>("Authorize", new AuthorizeRequest
        {
            IdToken = new IdTokenType { IdToken = emaid, Type = "eMAID" }, Iso15118CertificateHashData = chain,
        });

    /// <summary>C07 without local OCSP data: Authorize an eMAID with its contract chain (PEM, leaf first) for the CSMS to check.</summary>
    public Task<AuthorizeResponse?> AuthorizeContractAsync(string emaid, string contractChainPem) =>
        SendAsync<AuthorizeResponse>("Authorize", new AuthorizeRequest
        {
            IdToken = new IdTokenType { IdToken = emaid, Type = "eMAID" }, Certificate = contractChainPem,
        });

    /// <summary>M01/M02: forwards an EV's CertificateInstallationReq (EXI, base64) to the CSMS.</summary>
    public Task<Get15118EVCertificateResponse?> Get15118EVCertificateAsync(string exiRequestBase64, string schemaVersion = "urn:iso:std:iso:15118:-20:CommonMessages") =>
        SendAsync<Get15118EVCertificateResponse>("Get15118EVCertificate", new Get15118EVCertificateRequest
        {
            Iso15118SchemaVersion = schemaVersion, Action = CertificateActionEnumType.Install, ExiRequest = exiRequestBase64,
        });

    private Task<TResponse?> SendAsync<TResponse>(string action, object request) where TResponse : class =>
        _connection is { } connection ? CallAsync<TResponse>(connection, action, request) : Task.FromResult<TResponse?>(null);

    /// <summary>The certificate CALLs from the CSMS; null for any other action.</summary>
    private IncomingCallReply? HandleCertificateCall(object request) => request switch
    {
        CertificateSignedRequest r => Reply(Certificates.AcceptSigned(r)),
        InstallCertificateRequest r => Reply(Certificates.Install(r)),
        GetInstalledCertificateIdsRequest r => Reply(Certificates.Ids(r)),
        DeleteCertificateRequest r => Reply(Certificates.Delete(r)),
        _ => null,
    };
}
