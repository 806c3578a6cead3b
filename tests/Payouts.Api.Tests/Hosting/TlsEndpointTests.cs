using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Hosting;

/// <summary>TLS comes from configuration alone: with a certificate, one port serves gRPC (ALPN h2) and HTTP/1.1.</summary>
public sealed class TlsEndpointTests : IDisposable
{
    private const string Password = "test-only";
    private readonly string _pfxPath = Path.Combine(Path.GetTempPath(), $"payouts-tls-{Guid.NewGuid():N}.pfx");
    private readonly X509Certificate2 _certificate;

    public TlsEndpointTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllBytes(_pfxPath, _certificate.Export(X509ContentType.Pfx, Password));
    }

    [Fact]
    public async Task Configured_certificate_serves_grpc_and_http1_on_one_port()
    {
        await using var host = await TestHosts.StartPayoutsAsync(
            "--Kestrel:Endpoints:Grpc:Url=https://127.0.0.1:0",
            "--Kestrel:Endpoints:Grpc:Protocols=Http1AndHttp2",
            $"--Kestrel:Endpoints:Grpc:Certificate:Path={_pfxPath}",
            $"--Kestrel:Endpoints:Grpc:Certificate:Password={Password}");
        using var client = new HttpClient(PinnedTls());
        var tlsPort = host.Addresses[0];
        tlsPort.Scheme.Should().Be("https");

        // Grpc.Net.Client insists on HTTP/2: the call only works if ALPN chose it on this shared port.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(tlsPort, new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = PinnedTls() });
        var health = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        health.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);

        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, tlsPort) { Version = HttpVersion.Version11 };
        using var pageResponse = await client.SendAsync(pageRequest);
        pageResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        pageResponse.Version.Should().Be(HttpVersion.Version11);
    }

    /// <summary>Trusts exactly the test's self-signed certificate. One handler each: a gRPC channel takes over the handler it is given.</summary>
    private SocketsHttpHandler PinnedTls() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == _certificate.GetCertHashString(),
        },
    };

    public void Dispose()
    {
        _certificate.Dispose();
        File.Delete(_pfxPath);
    }
}
