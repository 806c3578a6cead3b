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
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == _certificate.GetCertHashString(),
            },
        });
        var tlsPort = host.Addresses[0];
        tlsPort.Scheme.Should().Be("https");

        using var grpcRequest = new HttpRequestMessage(HttpMethod.Post, new Uri(tlsPort, "/grpc.health.v1.Health/Check"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpcClient.Frame(new HealthCheckRequest())),
        };
        grpcRequest.Content.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        using var grpcResponse = await client.SendAsync(grpcRequest);
        var body = await grpcResponse.Content.ReadAsByteArrayAsync();

        grpcResponse.Version.Should().Be(HttpVersion.Version20, "ALPN negotiated HTTP/2");
        grpcResponse.TrailingHeaders.GetValues("grpc-status").Should().Equal("0");
        HealthCheckResponse.Parser.ParseFrom(body.AsSpan(5)).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);

        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, tlsPort) { Version = HttpVersion.Version11 };
        using var pageResponse = await client.SendAsync(pageRequest);
        pageResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        pageResponse.Version.Should().Be(HttpVersion.Version11);
    }

    public void Dispose()
    {
        _certificate.Dispose();
        File.Delete(_pfxPath);
    }
}
