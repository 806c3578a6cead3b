using System.Net;
using System.Text.RegularExpressions;
using Payouts.Api.HostedForm;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CancelPayout;

namespace Payouts.Api.Tests.HostedForm;

/// <summary>The hosted form over plain HTTP: CSRF, headers, and the answers for links that do not (or no longer) work.</summary>
public sealed partial class HostedFormHttpTests(HostedFormService service) : IClassFixture<HostedFormService>, IDisposable
{
    private readonly CookieContainer _cookies = new();
    private HttpClient? _client;

    private HttpClient Client => _client ??= new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false });

    [Fact]
    public async Task The_page_sets_a_strict_csrf_cookie_and_protective_headers()
    {
        var payout = await service.CreatePayoutAsync();

        using var response = await Client.GetAsync(service.FormUrl(payout));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith(CheckinCsrf.CookieName + "=").And.Contain("path=/checkin").And.Contain("samesite=strict").And.Contain("httponly");
        cookie.Should().NotContain("secure", "the test speaks plain http; over https the cookie is Secure");
        (await response.Content.ReadAsStringAsync()).Should().Contain($"value=\"{CookieValue(payout)}\"", "the hidden field repeats the cookie");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'none'").And.Contain("style-src 'unsafe-inline'").And.Contain("form-action 'self' https://merchant.example")
            .And.Contain("frame-ancestors 'none'").And.NotContain("script-src");
        response.Content.Headers.ContentType!.ToString().Should().Be("text/html; charset=utf-8");
    }

    [Fact]
    public async Task A_post_without_the_cookie_is_refused()
    {
        var payout = await service.CreatePayoutAsync();
        var field = await OpenAsync(payout);
        using var cookieless = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

        using var response = await cookieless.PostAsync(service.FormUrl(payout), ValidForm(field));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await StillOpenAsync(payout)).Should().BeTrue("nothing was taken");
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_post_whose_field_differs_from_the_cookie_is_refused(string field)
    {
        var payout = await service.CreatePayoutAsync();
        await OpenAsync(payout);

        using var response = await Client.PostAsync(service.FormUrl(payout), ValidForm(field));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await StillOpenAsync(payout)).Should().BeTrue();
    }

    [Fact]
    public async Task Without_a_redirect_url_the_recipient_is_thanked()
    {
        var payout = await service.CreatePayoutAsync(redirectUrl: "");
        var field = await OpenAsync(payout);

        using var response = await Client.PostAsync(service.FormUrl(payout), ValidForm(field));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Thank you, your details were received");
    }

    [Fact]
    public async Task A_valid_post_answers_303_to_the_merchant_and_a_second_one_410()
    {
        var payout = await service.CreatePayoutAsync();
        var field = await OpenAsync(payout);

        using var first = await Client.PostAsync(service.FormUrl(payout), ValidForm(field));
        using var second = await Client.PostAsync(service.FormUrl(payout), ValidForm(field));

        first.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        first.Headers.Location.Should().Be(new Uri($"https://merchant.example/return?order=1456&payout_id={payout.PublicId}"));
        second.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await second.Content.ReadAsStringAsync()).Should().Contain("This payout link has already been used.");
    }

    [Fact]
    public async Task A_paypal_post_needs_no_bank_account_fields()
    {
        var payout = await service.CreatePayoutAsync(currency: "USD");
        var field = await OpenAsync(payout);

        using var response = await Client.PostAsync(service.FormUrl(payout), PayPalForm(field, "ana.quispe@example.com"));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        response.Headers.Location.Should().Be(new Uri($"https://merchant.example/return?order=1456&payout_id={payout.PublicId}"));
    }

    [Fact]
    public async Task A_refused_email_is_shown_back_encoded_next_to_its_field()
    {
        var payout = await service.CreatePayoutAsync(currency: "USD");
        var field = await OpenAsync(payout);

        using var response = await Client.PostAsync(service.FormUrl(payout), PayPalForm(field, "\"><script>alert(1)</script>"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().NotContain("<script>").And.Contain("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        page.Should().Contain("id=\"email-error\"").And.NotContain("id=\"bank_account-error\"");
        (await StillOpenAsync(payout)).Should().BeTrue();
    }

    [Fact]
    public async Task A_cancelled_payouts_link_is_gone_and_says_so()
    {
        var payout = await service.CreatePayoutAsync();
        (await service.UseCasesAsync(u => u.SendAsync(new CancelPayoutCommand(HostedFormService.Merchant, payout.PublicId), CancellationToken.None)))
            .IsSuccess.Should().BeTrue();

        using var response = await Client.GetAsync(service.FormUrl(payout));

        response.StatusCode.Should().Be(HttpStatusCode.Gone);
        (await response.Content.ReadAsStringAsync()).Should().Contain("cancelled");
    }

    [Theory]
    [InlineData("checkin/pay_1.00000000000000000000000000000000")]
    [InlineData("checkin/pay_1")]
    [InlineData("checkin/%3Cscript%3E")]
    public async Task An_unknown_or_forged_link_is_not_found(string path)
    {
        using var response = await Client.GetAsync(new Uri(service.Host.Http, path));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("This payout link is not valid.").And.NotContain("<script>");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
    }

    [Fact]
    public async Task Another_payouts_mac_opens_nothing()
    {
        var first = await service.CreatePayoutAsync();
        var second = await service.CreatePayoutAsync();
        var mac = first.Url.AbsolutePath[(first.Url.AbsolutePath.IndexOf('.', StringComparison.Ordinal))..];

        using var response = await Client.GetAsync(new Uri(service.Host.Http, $"checkin/{second.PublicId}{mac}"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_json_post_is_not_a_form_submission()
    {
        var payout = await service.CreatePayoutAsync();
        await OpenAsync(payout);

        using var response = await Client.PostAsync(service.FormUrl(payout), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StillOpenAsync(payout)).Should().BeTrue();
    }

    public void Dispose() => _client?.Dispose();

    /// <summary>Opens the page as a browser would (cookie kept) and returns its hidden CSRF field.</summary>
    private async Task<string> OpenAsync(PayoutView payout)
    {
        var page = await Client.GetStringAsync(service.FormUrl(payout));
        return CsrfField().Match(page).Groups[1].Value;
    }

    private string CookieValue(PayoutView payout) => _cookies.GetCookies(service.FormUrl(payout))[CheckinCsrf.CookieName]!.Value;

    private async Task<bool> StillOpenAsync(PayoutView payout)
    {
        using var fresh = new HttpClient();
        using var response = await fresh.GetAsync(service.FormUrl(payout));
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static FormUrlEncodedContent ValidForm(string csrf) => new(new Dictionary<string, string>
    {
        [CheckinCsrf.FieldName] = csrf,
        [HostedFormFields.Method] = "pe_bank_account",
        ["country"] = "PE",
        ["document_type"] = "DNI",
        ["document_id"] = "12345678",
        ["beneficiary_name"] = "Ana",
        ["beneficiary_lastname"] = "Quispe",
        ["bank_account"] = "00219300153895206813",
        ["account_type"] = "C",
    });

    private static FormUrlEncodedContent PayPalForm(string csrf, string email) => new(new Dictionary<string, string>
    {
        [CheckinCsrf.FieldName] = csrf,
        [HostedFormFields.Method] = "paypal_email",
        ["email"] = email,
    });

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
