using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Payouts.Api.Tests.MerchantPayouts;

/// <summary>
/// A merchant's webhook endpoint on https://127.0.0.1 with a self-signed certificate (the service is told to
/// trust it, pinned), recording every delivery exactly as received.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> _received = new();
    private WebApplication _app = null!;

    private WebhookReceiver(string certificatePath) => CertificatePath = certificatePath;

    /// <summary>The receiver's certificate (DER), for Webhooks:TrustedCertificatePath.</summary>
    public string CertificatePath { get; }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<Received> Deliveries => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pkcs12), null);
        var path = Path.Combine(Path.GetTempPath(), $"payouts-webhook-{Guid.NewGuid():N}.cer");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Cert));

        var receiver = new WebhookReceiver(path);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http1AndHttp2;
            l.UseHttps(certificate);
        }));
        builder.Services.AddRouting();
        receiver._app = builder.Build();
        receiver._app.MapPost("/hooks", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            receiver._received.Enqueue(new Received(
                http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(), body.ToArray()));
            return Results.NoContent();
        });
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/hooks");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(CertificatePath);
    }

    public sealed record Received(string Id, string Timestamp, string Signature, byte[] Body)
    {
        /// <summary>For a failing test's message: which event arrived, not the bytes' type name.</summary>
        public override string ToString() => $"{Id} {System.Text.Encoding.UTF8.GetString(Body)}";
    }
}
