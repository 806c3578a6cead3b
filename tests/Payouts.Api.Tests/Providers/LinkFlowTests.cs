using System.Net;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Providers;

/// <summary>Each provider's link flow end to end: gRPC, the provider's sandbox, the redirect back to our callback.</summary>
public sealed class LinkFlowTests : IAsyncLifetime
{
    private ProvidersHost _host = null!;

    public async Task InitializeAsync() => _host = await ProvidersHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PayPal_is_pending_until_the_user_comes_back_then_linked_to_the_payer_id()
    {
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });
        link.Status.Should().Be(0, link.Message);
        link.Response!.Message.Should().Be("Cashout link created successfully");
        link.Response.Method.Should().Be("link");
        (await _host.MethodAsync("alice", "paypal"))!.Status.Should().Be(CashoutMethodStatus.Pending);
        await _host.FundAsync("alice", 10_000);
        (await _host.CashoutAsync("alice", "paypal", 1_000)).Status.Should().Be(9, "a pending method cannot receive cashouts");

        var (status, page) = await _host.CompleteLinkInBrowserAsync(link.Response.Link);

        status.Should().Be(HttpStatusCode.OK);
        page.Should().Contain("PayPal account is linked");
        var method = await _host.MethodAsync("alice", "paypal");
        method!.Status.Should().Be(CashoutMethodStatus.Linked);
        method.PayeeId.Should().Be(_host.Sandbox.PayPal.Context.Settings.PayPal.PayerId);
    }

    [Fact]
    public async Task A_link_state_completes_one_link_once()
    {
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });
        using var atProvider = await _host.Browser.GetAsync(new Uri(link.Response!.Link));
        var callback = atProvider.Headers.Location!;

        using var first = await _host.Browser.GetAsync(callback);
        using var replay = await _host.Browser.GetAsync(callback);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a state is spent by its first callback");
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_links_nothing()
    {
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });
        using var atProvider = await _host.Browser.GetAsync(new Uri(link.Response!.Link));
        var callback = atProvider.Headers.Location!.ToString();
        var forged = System.Text.RegularExpressions.Regex.Replace(callback, "state=[^&]+", "state=eyJhIjoiYiJ9.AAAA");

        using var response = await _host.Browser.GetAsync(new Uri(forged));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _host.MethodAsync("alice", "paypal"))!.Status.Should().Be(CashoutMethodStatus.Pending);
    }

    [Fact]
    public async Task A_declined_PayPal_consent_leaves_the_method_pending()
    {
        var link = await _host.LinkAsync("alice", new LinkCashoutMethodRequest { Provider = "paypal" });

        var (status, _) = await _host.CompleteLinkInBrowserAsync(link.Response!.Link + "&sandbox_decline=1");

        status.Should().NotBe(HttpStatusCode.OK);
        (await _host.MethodAsync("alice", "paypal"))!.Status.Should().Be(CashoutMethodStatus.Pending);
    }

    [Fact]
    public async Task Payoneer_links_once_the_payee_is_approved_and_the_notification_arrives()
    {
        var link = await _host.LinkAsync("bob", new LinkCashoutMethodRequest { Provider = "payoneer" });
        link.Status.Should().Be(0, link.Message);
        link.Response!.Link.Should().StartWith(_host.Sandbox.BaseUrl.ToString(), "the registration link comes from Payoneer's API");

        var (status, page) = await _host.CompleteLinkInBrowserAsync(link.Response.Link);
        status.Should().Be(HttpStatusCode.OK, page);

        var method = await ProvidersHost.EventuallyAsync(
            () => _host.MethodAsync("bob", "payoneer"), m => m?.Status == CashoutMethodStatus.Linked, "the Payee Approved notification");
        method!.PayeeId.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Payoneer_links_when_the_approval_notification_beats_the_user_back_to_the_callback()
    {
        var sandbox = _host.Sandbox.Payoneer.Context;
        sandbox.Settings.ManualSteps = true;
        var link = await _host.LinkAsync("bob", new LinkCashoutMethodRequest { Provider = "payoneer" });
        using var atProvider = await _host.Browser.GetAsync(new Uri(link.Response!.Link));
        var callback = atProvider.Headers.Location!;

        // Payoneer approves the payee and says so before the user's browser has followed the redirect.
        sandbox.RunSteps(1);
        await ProvidersHost.EventuallyAsync(
            () => _host.MethodAsync("bob", "payoneer"), m => m?.Status == CashoutMethodStatus.Linked, "the Payee Approved notification");
        using var back = await _host.Browser.GetAsync(callback);

        back.StatusCode.Should().Be(HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
        (await _host.MethodAsync("bob", "payoneer"))!.Status.Should().Be(CashoutMethodStatus.Linked);
        using var again = await _host.Browser.GetAsync(callback);
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the state still works only once");
    }

    [Fact]
    public async Task Tipalti_creates_the_payee_then_reports_it_already_exists()
    {
        var request = new LinkCashoutMethodRequest
        {
            Provider = "tipalti",
            FirstName = "Ada",
            LastName = "Lovelace",
            Email = "ada@example.com",
            Address = new Address { Line1 = "1 Main St", City = "Springfield", State = "IL", PostalCode = "62701", Country = "US" },
        };

        var first = await _host.LinkAsync("carol", request);
        var second = await _host.LinkAsync("carol", request);

        first.Status.Should().Be(0, first.Message);
        first.Response!.Message.Should().Be("Tipalti payee account created successfully");
        first.Response.AlreadyExists.Should().BeFalse();
        second.Response!.AlreadyExists.Should().BeTrue();
        second.Response.PayeeId.Should().Be(first.Response.PayeeId);
        (await _host.MethodAsync("carol", "tipalti"))!.Status.Should().Be(CashoutMethodStatus.Linked);
    }

    [Fact]
    public async Task Tipalti_payee_fields_are_checked_field_by_field()
    {
        var missing = await _host.LinkAsync("carol", new LinkCashoutMethodRequest { Provider = "tipalti", PayeeType = "Company", Email = "not-an-email" });

        missing.Status.Should().Be(3);
        missing.ViolatedFields.Should().BeEquivalentTo(["company_name", "address"], "a gRPC caller spells fields by their proto names");
        (await _host.MethodAsync("carol", "tipalti")).Should().BeNull("nothing was created");
    }

    [Theory]
    [InlineData("", "Missing required parameter: provider")]
    [InlineData("paypal", "Invalid provider")]
    [InlineData("venmo", "Invalid provider")]
    public async Task Unlink_refuses_what_the_seed_refuses(string provider, string message)
    {
        var unlink = await _host.UnlinkAsync("dave", provider);

        unlink.Status.Should().Be(3);
        unlink.Message.Should().Be(message);
    }

    [Fact]
    public async Task Unlinking_a_linked_Payoneer_method_releases_the_payee_and_a_second_unlink_fails()
    {
        var link = await _host.LinkAsync("erin", new LinkCashoutMethodRequest { Provider = "payoneer" });
        await _host.CompleteLinkInBrowserAsync(link.Response!.Link);

        var unlinked = await _host.UnlinkAsync("erin", "payoneer");
        var again = await _host.UnlinkAsync("erin", "payoneer");

        unlinked.Status.Should().Be(0, unlinked.Message);
        unlinked.Response!.Message.Should().Be("Payoneer cashout method unlinked successfully");
        (await _host.MethodAsync("erin", "payoneer"))!.Status.Should().Be(CashoutMethodStatus.Unlinked);
        again.Status.Should().Be(9);
        again.Message.Should().Be("Failed to unlink cashout method. The method may not be linked or an error occurred.");
    }
}
