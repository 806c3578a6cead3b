using System.Net;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Microsoft.IdentityModel.Tokens;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;
using static Payouts.Api.Tests.Auth.JwtValidationTests;

namespace Payouts.Api.Tests.Auth;

/// <summary>
/// How the real service reads the authorization header and tells callers apart, over gRPC and REST: the policy
/// scheme sends JWTs to JwtBearer and <c>tk_...</c> to merchant tokens, handlers answer with the legacy texts,
/// health and reflection need nothing, and a refusal is logged with its reason but never with the token.
/// </summary>
public sealed class AuthenticationEndToEndTests(AuthHostFixture host) : IClassFixture<AuthHostFixture>
{
    private const string UsersOnly = "This API is for users; merchants use payouts.v1.PayoutService.";
    private const string MerchantsOnly = "A merchant token (tk_...) is required.";

    private static string Expired => TestTokens.Sign(TestTokens.Claims("u1", DateTimeOffset.UtcNow - TimeSpan.FromHours(2), lifetime: TimeSpan.FromHours(1)));

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("bearer ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer   ")]
    public async Task The_bearer_scheme_is_read_in_any_case(string scheme)
    {
        var balance = await host.GetBalanceAsync(scheme + TestTokens.For("case-user"));

        balance.Status.Should().Be(0, balance.Message);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        AssertUnauthenticated(await host.GetBalanceAsync());
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer junk")]
    [InlineData("Token {0}")]
    [InlineData("{0}")]
    [InlineData("Bearer {0} {0}")]
    public async Task An_authorization_header_that_is_not_one_valid_bearer_token_is_unauthenticated(string header)
    {
        AssertUnauthenticated(await host.GetBalanceAsync(header.Replace("{0}", TestTokens.For("u1"), StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Bearer {0}", "Bearer {0}")]
    [InlineData("Bearer {0}", "Basic dXNlcjpwYXNz")]
    [InlineData("Basic dXNlcjpwYXNz", "Bearer {0}")]
    public async Task Two_authorization_headers_are_unauthenticated_even_when_one_or_both_hold_a_valid_token(string first, string second)
    {
        var token = TestTokens.For("u1");

        AssertUnauthenticated(await host.GetBalanceAsync(first.Replace("{0}", token, StringComparison.Ordinal), second.Replace("{0}", token, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer junk")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("expired")]
    [InlineData("Bearer tk_test_unknown")]
    public async Task Every_refusal_is_http_200_with_grpc_status_unauthenticated_and_the_legacy_text(string? header)
    {
        var (http, status, message) = await host.RawGetBalanceAsync(header == "expired" ? "Bearer " + Expired : header);

        http.Should().Be(HttpStatusCode.OK, "gRPC answers with HTTP 200 and a grpc-status; a bare 401 would reach clients as 'Bad gRPC response'");
        status.Should().Be("16");
        message.Should().Be("User not authenticated");
    }

    [Fact]
    public async Task A_transcoded_route_answers_401_with_the_same_status_and_text()
    {
        var valid = await host.RestAsync(HttpMethod.Get, "/cashout/balance?currency=USD", null, "Bearer " + TestTokens.For("rest-user"));
        foreach (var header in new[] { null, "Bearer " + Expired, "Basic dXNlcjpwYXNz" })
        {
            var (status, body) = await host.RestAsync(HttpMethod.Get, "/cashout/balance?currency=USD", null, header);

            status.Should().Be(HttpStatusCode.Unauthorized, body);
            var json = JsonDocument.Parse(body).RootElement;
            json.GetProperty("code").GetInt32().Should().Be(16);
            json.GetProperty("message").GetString().Should().Be("User not authenticated");
        }

        valid.Status.Should().Be(HttpStatusCode.OK, valid.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer junk")]
    [InlineData("expired")]
    [InlineData("alg-none")]
    [InlineData("two-headers")]
    [InlineData("Bearer tk_test_unknown")]
    public async Task A_seed_route_answers_401_in_the_seeds_envelope(string? header)
    {
        var token = TestTokens.For("u1");
        var unsigned = $"{Base64UrlEncoder.Encode("""{"alg":"none"}""")}.{token.Split('.')[1]}.";
        var authorization = header switch
        {
            "expired" => "Bearer " + Expired,
            "alg-none" => "Bearer " + unsigned,
            "two-headers" => $"Bearer {token}, Bearer {token}",
            _ => header,
        };

        var (status, body) = await host.RestAsync(HttpMethod.Post, "/cashout/process", """{"type":"paypal","amount":10000,"provider":"paypal"}""", authorization);

        status.Should().Be(HttpStatusCode.Unauthorized, body);
        body.Should().Be("""{"status":"error","message":"User not authenticated"}""");
    }

    [Fact]
    public async Task A_seed_route_with_a_valid_token_gets_past_authentication()
    {
        var (status, body) = await host.RestAsync(HttpMethod.Post, "/cashout/process", "{}", "bearer " + TestTokens.For("rest-seed-user"));

        status.Should().Be(HttpStatusCode.BadRequest, body);
        body.Should().Be("""{"status":"error","message":"Missing required parameters: type and amount"}""");
    }

    [Fact]
    public async Task A_merchant_token_is_accepted_on_PayoutService_in_any_bearer_case()
    {
        var token = await host.MerchantTokenAsync("auth-merchant", "payout");

        var listed = await host.ListPayoutsAsync(token);
        var lowercase = await host.Grpc.UnaryWithHeadersAsync<ListPayoutsResponse>(
            AuthHostFixture.ListPayouts, new ListPayoutsRequest { Limit = 10 }, new Metadata { { "authorization", "bearer " + token } });

        listed.Status.Should().Be(0, listed.Message);
        lowercase.Status.Should().Be(0, lowercase.Message);
    }

    [Fact]
    public async Task A_merchant_token_as_basic_user_name_with_an_empty_password_is_accepted_over_grpc_and_rest()
    {
        var token = await host.MerchantTokenAsync("auth-merchant-basic", "payout");
        var basic = "Basic " + Base64(token + ":");

        var grpc = await host.Grpc.UnaryWithHeadersAsync<ListPayoutsResponse>(
            AuthHostFixture.ListPayouts, new ListPayoutsRequest { Limit = 10 }, new Metadata { { "authorization", basic } });
        var (status, body) = await host.RestAsync(HttpMethod.Get, "/payouts?limit=10", null, basic);

        grpc.Status.Should().Be(0, grpc.Message);
        status.Should().Be(HttpStatusCode.OK, body);
    }

    [Theory]
    [InlineData("{0}:secret")]
    [InlineData("{0}")]
    [InlineData(":{0}")]
    [InlineData("user:")]
    public async Task Basic_credentials_other_than_a_merchant_token_and_an_empty_password_are_unauthenticated(string credentials)
    {
        var token = await host.MerchantTokenAsync("auth-merchant-basic-wrong", "payout");
        var header = "Basic " + Base64(credentials.Replace("{0}", token, StringComparison.Ordinal));

        AssertUnauthenticated(await host.Grpc.UnaryWithHeadersAsync<ListPayoutsResponse>(
            AuthHostFixture.ListPayouts, new ListPayoutsRequest { Limit = 10 }, new Metadata { { "authorization", header } }));
    }

    [Fact]
    public async Task Basic_that_is_not_base64_and_a_jwt_as_basic_user_name_are_unauthenticated()
    {
        AssertUnauthenticated(await host.GetBalanceAsync("Basic not*base64"));
        AssertUnauthenticated(await host.GetBalanceAsync("Basic " + Base64(TestTokens.For("u1") + ":")));
    }

    [Fact]
    public async Task A_merchant_token_over_basic_on_CashoutService_is_permission_denied_as_over_bearer()
    {
        var token = await host.MerchantTokenAsync("auth-merchant-basic-as-user", "payout");

        var balance = await host.GetBalanceAsync("Basic " + Base64(token + ":"));

        balance.Status.Should().Be(7, balance.Message);
        balance.Message.Should().Be(UsersOnly);
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_revoked_merchant_token_is_unauthenticated_from_the_next_call_on()
    {
        var token = await host.MerchantTokenAsync("auth-merchant-revoked", "payout");
        (await host.ListPayoutsAsync(token)).Status.Should().Be(0);

        await host.RevokeAsync("auth-merchant-revoked", token);

        AssertUnauthenticated(await host.ListPayoutsAsync(token));
    }

    [Theory]
    [InlineData("tk_test_0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("tk_")]
    [InlineData("tk_live_")]
    public async Task An_unknown_merchant_token_is_unauthenticated(string token)
    {
        AssertUnauthenticated(await host.ListPayoutsAsync(token));
    }

    [Fact]
    public async Task PayoutService_without_a_token_is_unauthenticated()
    {
        AssertUnauthenticated(await host.ListPayoutsAsync(null));
    }

    [Fact]
    public async Task A_user_token_on_PayoutService_is_permission_denied()
    {
        var listed = await host.ListPayoutsAsync(TestTokens.For("auth-merchant"));

        listed.Status.Should().Be(7, listed.Message);
        listed.Message.Should().Be(MerchantsOnly);
    }

    [Fact]
    public async Task A_merchant_token_on_CashoutService_is_permission_denied()
    {
        var token = await host.MerchantTokenAsync("auth-merchant-as-user", "payout");

        var balance = await host.GetBalanceWithTokenAsync(token);

        balance.Status.Should().Be(7, balance.Message);
        balance.Message.Should().Be(UsersOnly);
    }

    [Fact]
    public async Task A_JWT_carrying_a_merchant_principals_claims_is_still_not_a_merchant()
    {
        var claims = TestTokens.Claims("auth-merchant", DateTimeOffset.UtcNow, ["payout"]);
        claims["payouts:merchant"] = "true";
        claims["IsMerchant"] = true;
        claims["authenticationType"] = "MerchantToken";
        claims["auth_type"] = "MerchantToken";
        claims["amr"] = new[] { "MerchantToken" };
        claims["idp"] = "MerchantToken";
        claims["http://schemas.microsoft.com/ws/2008/06/identity/claims/authenticationmethod"] = "MerchantToken";

        var listed = await host.ListPayoutsAsync(TestTokens.Sign(claims));

        listed.Status.Should().Be(7, listed.Message);
        listed.Message.Should().Be(MerchantsOnly);
    }

    [Fact]
    public async Task A_JWT_whose_subject_is_a_merchant_owner_is_refused_on_both_services()
    {
        var token = TestTokens.For("merchant:auth-merchant", "payout", "balances:write");

        var balance = await host.GetBalanceWithTokenAsync(token);
        var listed = await host.ListPayoutsAsync(token);

        (balance.Status, balance.Message).Should().Be((7, UsersOnly));
        (listed.Status, listed.Message).Should().Be((7, MerchantsOnly));
    }

    [Fact]
    public async Task A_valid_JWT_dressed_as_a_merchant_token_is_looked_up_as_one_and_unknown()
    {
        var token = "tk_" + TestTokens.For("auth-merchant", "payout");

        AssertUnauthenticated(await host.ListPayoutsAsync(token));
        AssertUnauthenticated(await host.GetBalanceWithTokenAsync(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer junk")]
    [InlineData("Bearer tk_test_unknown")]
    [InlineData("expired")]
    public async Task Health_needs_no_token_and_works_with_a_bad_one(string? header)
    {
        var client = new Grpc.Health.V1.Health.HealthClient(host.Grpc.Channel);

        var report = await client.CheckAsync(new HealthCheckRequest(), Headers(header), DateTime.UtcNow.AddSeconds(30));

        report.Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer junk")]
    [InlineData("expired")]
    public async Task Reflection_needs_no_token_and_works_with_a_bad_one(string? header)
    {
        var client = new ServerReflection.ServerReflectionClient(host.Grpc.Channel);
        using var call = client.ServerReflectionInfo(Headers(header), DateTime.UtcNow.AddSeconds(30));

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();

        call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Should().Contain("payouts.v1.CashoutService");
    }

    [Fact]
    public async Task A_refused_token_is_logged_with_its_reason_and_no_token_secret_or_subject_reaches_the_logs()
    {
        const string person = "ana.quispe@example.com";
        var now = DateTimeOffset.UtcNow;
        var expired = TestTokens.Sign(TestTokens.Claims(person, now - TimeSpan.FromHours(2), lifetime: TimeSpan.FromHours(1)));
        var forged = TestTokens.Sign(TestTokens.Claims(person, now), TestTokens.Hs256(TestTokens.KeyId, host.RotatedSecretBase64));
        var unsigned = $"{Base64UrlEncoder.Encode("""{"alg":"none"}""")}.{expired.Split('.')[1]}.";
        var oversized = TestTokens.Sign(new Dictionary<string, object>(TestTokens.Claims(person, now)) { ["padding"] = new string('x', 9000) });

        // Not JSON, so System.Text.Json's exception message quotes it: the decoded payload must not reach the logs either.
        var garbage = $"eyJhbGciOiJIUzI1NiJ9.{Base64UrlEncoder.Encode("fake-" + person)}.c2lnbmF0dXJlLXBhcnQ";
        var valid = TestTokens.For(person);
        var revoked = await host.MerchantTokenAsync("auth-merchant-logged", "payout");
        await host.RevokeAsync("auth-merchant-logged", revoked);
        const string unknown = "tk_test_feedfacefeedfacefeedfacefeedfacefeedface";
        var before = host.Logs.Lines.Count;

        foreach (var token in new[] { expired, forged, unsigned, oversized, garbage, valid })
        {
            await host.GetBalanceWithTokenAsync(token);
        }

        await host.ListPayoutsAsync(revoked);
        await host.ListPayoutsAsync(unknown);

        host.Logs.Lines.Skip(before).Where(l => l.Contains(" Payouts.Api.Auth.", StringComparison.Ordinal))
            .Should().Equal(
                "Information Payouts.Api.Auth.JwtRefusalLog: JWT refused: SecurityTokenExpiredException (IDX10223). ",
                "Information Payouts.Api.Auth.JwtRefusalLog: JWT refused: SecurityTokenInvalidSignatureException (IDX10511). ",
                "Information Payouts.Api.Auth.JwtRefusalLog: JWT refused: SecurityTokenInvalidSignatureException (IDX10504). ",
                "Information Payouts.Api.Auth.JwtRefusalLog: JWT refused: ArgumentException (IDX10209). ",
                "Information Payouts.Api.Auth.JwtRefusalLog: JWT refused: ArgumentException (IDX14101). ",
                "Information Payouts.Api.Auth.MerchantTokenHandler: MerchantToken was not authenticated. Failure message: The merchant token was revoked. ",
                "Information Payouts.Api.Auth.MerchantTokenHandler: MerchantToken was not authenticated. Failure message: Unknown merchant token. ");
        var secrets = new[] { TestTokens.SecretBase64, host.RotatedSecretBase64, Base64UrlEncoder.Encode(Convert.FromBase64String(TestTokens.SecretBase64)), person, revoked, unknown }
            .Concat(new[] { expired, forged, unsigned, oversized, garbage, valid }.SelectMany(t => t.Split('.').Skip(1)).Where(part => part.Length > 0));
        foreach (var secret in secrets)
        {
            host.Logs.Lines.Should().NotContain(l => l.Contains(secret, StringComparison.Ordinal), $"'{secret}' is a token's payload or signature, a key, or personal data");
        }
    }

    private static Metadata Headers(string? header) => header switch
    {
        null => [],
        "expired" => new Metadata { { "authorization", "Bearer " + Expired } },
        _ => new Metadata { { "authorization", header } },
    };
}
