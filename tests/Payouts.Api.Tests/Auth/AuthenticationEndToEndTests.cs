using System.Net;
using Grpc.Health.V1;
using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>
/// The "Bearer" scheme on a real Kestrel over loopback (<see cref="WhoAmIHostFixture"/>) in front of a
/// handler that calls RequireCaller; and the real Payouts service, whose health needs no token.
/// </summary>
public class AuthenticationEndToEndTests(WhoAmIHostFixture host) : IClassFixture<WhoAmIHostFixture>
{
    private static readonly byte[] WhoAmIRequest = RawGrpcClient.Frame(new SimpleRequest());

    private RawGrpcClient Client => host.Client;

    [Fact]
    public async Task Call_with_a_valid_token_reaches_the_handler_as_its_subject_with_its_scopes()
    {
        var response = await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest, Bearer(TestTokens.For("u1", "cashouts:read", "balances:write")));

        response.Status.Should().Be(0, response.Message);
        var answer = SimpleResponse.Parser.ParseFrom(response.Messages().Single().Payload);
        answer.Username.Should().Be("u1");
        answer.OauthScope.Should().Be("balances:write cashouts:read");
    }

    [Fact]
    public async Task Call_with_a_lowercase_bearer_scheme_is_authenticated()
    {
        var response = await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest, ("authorization", "bearer " + TestTokens.For("u2")));

        response.Status.Should().Be(0, response.Message);
    }

    [Fact]
    public async Task Call_without_a_token_is_unauthenticated_over_http_200()
    {
        var response = await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest);

        AssertUnauthenticated(response);
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.")]
    public async Task Call_with_an_unusable_authorization_header_is_unauthenticated(string header)
    {
        var response = await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest, ("authorization", header));

        AssertUnauthenticated(response);
    }

    [Fact]
    public async Task Call_with_an_expired_token_is_unauthenticated()
    {
        var expired = TestTokens.Sign(TestTokens.Claims("u1", DateTimeOffset.UtcNow - TimeSpan.FromHours(2), lifetime: TimeSpan.FromHours(1)));

        AssertUnauthenticated(await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest, Bearer(expired)));
    }

    [Fact]
    public async Task Call_with_a_token_signed_by_another_key_is_unauthenticated()
    {
        var forged = TestTokens.Sign(
            TestTokens.Claims("u1", DateTimeOffset.UtcNow),
            TestTokens.Hs256(TestTokens.KeyId, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))));

        AssertUnauthenticated(await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest, Bearer(forged)));
    }

    [Fact]
    public async Task Call_with_two_authorization_headers_is_unauthenticated()
    {
        var token = TestTokens.For("u1");

        var response = await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest, Bearer(token), Bearer(token));

        AssertUnauthenticated(response);
    }

    [Fact]
    public async Task Call_without_the_required_scope_is_permission_denied()
    {
        var response = await Client.CallAsync(WhoAmIService.EmptyCall, RawGrpcClient.Frame(new Empty()), Bearer(TestTokens.For("u1", "cashouts:read")));

        response.HttpStatus.Should().Be(HttpStatusCode.OK);
        response.Status.Should().Be(7);
        response.Message.Should().Be("Missing scope 'balances:write'.");
    }

    [Fact]
    public async Task Call_with_the_required_scope_succeeds()
    {
        var response = await Client.CallAsync(WhoAmIService.EmptyCall, RawGrpcClient.Frame(new Empty()), Bearer(TestTokens.For("svc", "balances:write")));

        response.Status.Should().Be(0, response.Message);
    }

    [Fact]
    public async Task Refused_token_is_logged_with_the_reason_and_without_the_token()
    {
        var expired = TestTokens.Sign(TestTokens.Claims("u1", DateTimeOffset.UtcNow - TimeSpan.FromHours(2), lifetime: TimeSpan.FromHours(1)));

        await Client.CallAsync(WhoAmIService.UnaryCall, WhoAmIRequest, Bearer(expired));

        host.Logs.Lines.Should().Contain(line => line.Contains("Token has expired.", StringComparison.Ordinal));
        host.Logs.Lines.Should().NotContain(line => line.Contains(expired.Split('.')[1], StringComparison.Ordinal)
            || line.Contains(expired.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_check_on_the_payouts_service_needs_no_token()
    {
        await using var payouts = await TestHosts.StartPayoutsAsync();
        using var client = new RawGrpcClient(payouts.Port);

        var response = await client.CallAsync("/grpc.health.v1.Health/Check", RawGrpcClient.Frame(new HealthCheckRequest()));

        response.Status.Should().Be(0, response.Message);
        HealthCheckResponse.Parser.ParseFrom(response.Messages().Single().Payload).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task Health_check_with_a_bad_token_still_works()
    {
        var response = await Client.CallAsync("/grpc.health.v1.Health/Check", RawGrpcClient.Frame(new HealthCheckRequest()), ("authorization", "Bearer junk"));

        response.Status.Should().Be(0, response.Message);
    }

    private static (string Name, string Value) Bearer(string token) => ("authorization", "Bearer " + token);

    private static void AssertUnauthenticated(GrpcResponse response)
    {
        response.HttpStatus.Should().Be(HttpStatusCode.OK, "gRPC answers every call with HTTP 200 and a grpc-status");
        response.Status.Should().Be(16);
        response.Message.Should().Be("User not authenticated");
    }
}
