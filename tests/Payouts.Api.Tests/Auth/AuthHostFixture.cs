using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Merchants;
using Payouts.Application.Merchants.Commands.CreateMerchantToken;
using Payouts.Application.Merchants.Commands.RevokeMerchantToken;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Auth;

/// <summary>
/// One real Payouts service for the authentication tests, trusting four keys as production would configure them
/// (<c>--Auth:Keys:N:...</c>): the test HS256 key, a second HS256 key (rotation by kid), an RSA and a P-256 public
/// key as PEM. Its logs are captured so tests can check what a refusal leaves behind.
/// </summary>
public sealed class AuthHostFixture : IAsyncLifetime
{
    public const string GetBalance = "/payouts.v1.CashoutService/GetBalance";
    public const string CreditBalance = "/payouts.v1.CashoutService/CreditBalance";
    public const string ListPayouts = "/payouts.v1.PayoutService/ListPayouts";
    public const string RotatedKeyId = "rotated-key";
    public const string RsaKeyId = "rsa-1";
    public const string EcKeyId = "ec-1";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ECDsa _ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly HttpClient _http = new();
    private RunningHost? _host;
    private GrpcCall? _grpc;

    public string RotatedSecretBase64 { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public SigningCredentials Rotated => TestTokens.Hs256(RotatedKeyId, RotatedSecretBase64);

    public SigningCredentials Rs256 => new(new RsaSecurityKey(_rsa) { KeyId = RsaKeyId }, SecurityAlgorithms.RsaSha256);

    public SigningCredentials Es256 => new(new ECDsaSecurityKey(_ec) { KeyId = EcKeyId }, SecurityAlgorithms.EcdsaSha256);

    /// <summary>The RSA key's public half exactly as the service is given it.</summary>
    public string RsaPublicKeyPem => _rsa.ExportSubjectPublicKeyInfoPem();

    public CapturedLogs Logs { get; } = new();

    public GrpcCall Grpc => _grpc!;

    public int GrpcPort => _host!.Addresses[0].Port;

    /// <summary>The HTTP/1.1 endpoint, where REST (transcoded and seed routes) is served.</summary>
    public Uri Http => _host!.Addresses[1];

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartPayoutsAsync(
            // Production's levels where they matter here: our categories at Information (appsettings.json's default),
            // Microsoft.AspNetCore's at Warning (as appsettings.json has them, whatever TestHosts' default).
            "--Logging:LogLevel:Payouts=Information",
            $"--Auth:Keys:1:KeyId={RotatedKeyId}",
            $"--Auth:Keys:1:SecretBase64={RotatedSecretBase64}",
            $"--Auth:Keys:2:KeyId={RsaKeyId}",
            $"--Auth:Keys:2:PublicKeyPem={_rsa.ExportSubjectPublicKeyInfoPem()}",
            $"--Auth:Keys:3:KeyId={EcKeyId}",
            $"--Auth:Keys:3:PublicKeyPem={_ec.ExportSubjectPublicKeyInfoPem()}");

        // The host is built by TestHosts; its logging filters (appsettings.json plus the test arguments) still apply.
        _host.App.Services.GetRequiredService<ILoggerFactory>().AddProvider(Logs);
        _grpc = new GrpcCall(GrpcPort);
    }

    public async Task DisposeAsync()
    {
        _grpc?.Dispose();
        _http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _rsa.Dispose();
        _ec.Dispose();
    }

    /// <summary>GetBalance, the simplest user RPC, with exactly these authorization headers (none, one, or several).</summary>
    public Task<UnaryResult<GetBalanceResponse>> GetBalanceAsync(params string[] authorization)
    {
        var headers = new Metadata();
        foreach (var value in authorization)
        {
            headers.Add("authorization", value);
        }

        return Grpc.UnaryWithHeadersAsync<GetBalanceResponse>(GetBalance, new GetBalanceRequest { Currency = "USD" }, headers);
    }

    public Task<UnaryResult<GetBalanceResponse>> GetBalanceWithTokenAsync(string token) => GetBalanceAsync("Bearer " + token);

    public Task<UnaryResult<ListPayoutsResponse>> ListPayoutsAsync(string? token) =>
        Grpc.UnaryAsync<ListPayoutsResponse>(ListPayouts, new ListPayoutsRequest { Limit = 10 }, token);

    /// <summary>
    /// GetBalance as raw HTTP/2 (prior-knowledge h2c), to see what Grpc.Net.Client hides: the HTTP status and
    /// whether grpc-status and grpc-message were sent (in the trailers, or in the headers of a trailers-only answer).
    /// </summary>
    public async Task<(HttpStatusCode Http, string? GrpcStatus, string? GrpcMessage)> RawGetBalanceAsync(string? authorization)
    {
        var message = new GetBalanceRequest { Currency = "USD" }.ToByteArray();
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{GrpcPort}{GetBalance}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", authorization);
        }

        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, Header(response, "grpc-status"), Header(response, "grpc-message"));
    }

    public async Task<(HttpStatusCode Status, string Body)> RestAsync(HttpMethod method, string pathAndQuery, string? json, string? authorization)
    {
        using var request = new HttpRequestMessage(method, new Uri(Http, pathAndQuery));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new merchant token, made the way the operator's <c>merchant-token create</c> makes one.</summary>
    public async Task<string> MerchantTokenAsync(string merchant, params string[] permissions)
    {
        await using var scope = _host!.App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IUseCases>()
            .SendAsync(new CreateMerchantTokenCommand(merchant, permissions, "test"), CancellationToken.None);
        created.IsSuccess.Should().BeTrue();
        return created.Value.Token;
    }

    public async Task RevokeAsync(string merchant, string token)
    {
        await using var scope = _host!.App.Services.CreateAsyncScope();
        var tokens = await scope.ServiceProvider.GetRequiredService<IMerchantTokenReader>().ListAsync(merchant, CancellationToken.None);
        var id = tokens.Single(t => t.TokenHash == MerchantToken.HashOf(token)).Id;
        var revoked = await scope.ServiceProvider.GetRequiredService<IUseCases>().SendAsync(new RevokeMerchantTokenCommand(id), CancellationToken.None);
        revoked.IsSuccess.Should().BeTrue();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.TrailingHeaders.TryGetValues(name, out var trailer) ? trailer.Single()
        : response.Headers.TryGetValues(name, out var header) ? header.Single()
        : null;
}
