using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.PayPal;

public class PayPalLinkTests : PayPalTestBase
{
    private static readonly Uri Callback = new("https://service.test/links/paypal/callback?method=42");

    // Our state is signed and base64-ish: it must come back byte for byte.
    private const string State = "v1.eyJ1IjoiNDIifQ+/=.sig-_~";

    [Fact]
    public async Task Start_link_sends_the_user_to_the_consent_page_with_everything_paypal_needs()
    {
        var url = (await Linking.StartLinkAsync("acc-1", Callback, State, CancellationToken.None)).Value!;
        var query = QueryHelpers.ParseQuery(url.Query);

        url.GetLeftPart(UriPartial.Path).Should().Be(new Uri(Fixture.BaseUrlOf("paypal"), "signin/authorize").ToString());
        query["flowEntry"].ToString().Should().Be("static");
        query["client_id"].ToString().Should().Be(SandboxOptions.ClientId);
        query["response_type"].ToString().Should().Be("code");
        query["scope"].ToString().Split(' ').Should().Contain(["openid", "https://uri.paypal.com/services/paypalattributes"]);
        query["redirect_uri"].ToString().Should().Be(Callback.ToString());
        query["state"].ToString().Should().Be(State);
    }

    [Fact]
    public async Task Full_link_flow_returns_the_users_payer_id_ready_to_be_paid()
    {
        var callbackQuery = await ConsentAsync();

        callbackQuery["state"].Should().Be(State);
        var linked = await Linking.CompleteLinkAsync("acc-1", callbackQuery, Callback, CancellationToken.None);

        linked.Value.Should().Be(new LinkedAccount(SandboxOptions.PayerId, Ready: true));
    }

    [Fact]
    public async Task Linked_payer_id_can_be_paid()
    {
        var linked = await Linking.CompleteLinkAsync("acc-1", await ConsentAsync(), Callback, CancellationToken.None);

        var outcome = await Payouts.SubmitAsync(NewPayout(payerId: linked.Value!.AccountId), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Accepted>();
    }

    [Fact]
    public async Task Declined_consent_is_a_permanent_failure()
    {
        var callbackQuery = await ConsentAsync("&sandbox_decline=1");

        callbackQuery.Should().ContainKey("error").WhoseValue.Should().Be("access_denied");
        var linked = await Linking.CompleteLinkAsync("acc-1", callbackQuery, Callback, CancellationToken.None);

        linked.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "link_declined" });
    }

    [Fact]
    public async Task Callback_without_code_is_a_permanent_failure()
    {
        var linked = await Linking.CompleteLinkAsync("acc-1", new Dictionary<string, string> { ["state"] = State }, Callback, CancellationToken.None);

        linked.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "link_missing_code" });
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        var callbackQuery = await ConsentAsync();
        (await Linking.CompleteLinkAsync("acc-1", callbackQuery, Callback, CancellationToken.None)).IsSuccess.Should().BeTrue();

        var replayed = await Linking.CompleteLinkAsync("acc-1", callbackQuery, Callback, CancellationToken.None);

        replayed.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_grant" });
    }

    [Fact]
    public async Task Code_is_bound_to_the_callback_it_was_issued_for()
    {
        var callbackQuery = await ConsentAsync();

        var elsewhere = await Linking.CompleteLinkAsync("acc-1", callbackQuery, new Uri("https://evil.test/cb"), CancellationToken.None);

        elsewhere.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_grant" });
    }

    [Fact]
    public async Task Consent_page_refuses_an_unknown_client()
    {
        var url = (await Linking.StartLinkAsync("acc-1", Callback, State, CancellationToken.None)).Value!;
        using var browser = Browser();

        using var response = await browser.GetAsync(url.ToString().Replace(SandboxOptions.ClientId, "someone-else", StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    /// <summary>Follows the start URL as the user's browser would, up to PayPal's redirect back to us; returns that redirect's query.</summary>
    private async Task<Dictionary<string, string>> ConsentAsync(string extraQuery = "")
    {
        var url = (await Linking.StartLinkAsync("acc-1", Callback, State, CancellationToken.None)).Value!;
        using var browser = Browser();

        using var response = await browser.GetAsync(new Uri(url + extraQuery));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(Callback.GetLeftPart(UriPartial.Path));
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
    }

    private static HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false });
}
