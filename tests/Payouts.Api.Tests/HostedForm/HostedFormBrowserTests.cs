using System.Text;
using Microsoft.Playwright;
using Payouts.Api.Tests.Providers;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Queries.GetPayout;
using Payouts.Domain.Payouts;

namespace Payouts.Api.Tests.HostedForm;

/// <summary>The hosted form in real headless chromium against the real service: open, fail, fix, land at the merchant.</summary>
public sealed class HostedFormBrowserTests(HostedFormService service) : IClassFixture<HostedFormService>
{
    [Fact]
    public async Task A_recipient_corrects_their_errors_and_lands_on_the_merchants_page_then_the_link_is_spent()
    {
        // USD: both Tupay and PayPal pay it, so the recipient really chooses.
        var payout = await service.CreatePayoutAsync(currency: "USD");
        await using var context = await (await service.BrowserAsync()).NewContextAsync();
        var page = await context.NewPageAsync();
        // The merchant's site is not on this machine: the browser's request to it is answered here and recorded.
        var merchantRequests = new List<IRequest>();
        await page.RouteAsync("https://merchant.example/**", route =>
        {
            merchantRequests.Add(route.Request);
            return route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200, ContentType = "text/html", Body = "<!doctype html><title>Merchant</title><h1>Back at the merchant</h1>",
            });
        });

        var opened = await page.GotoAsync(service.FormUrl(payout).ToString());
        opened!.Status.Should().Be(200);
        (await page.Locator("h1").TextContentAsync()).Should().Be("Where should we send your payout?");
        (await page.Locator(".amount").TextContentAsync()).Should().Be("USD 10.00");
        (await page.Locator(".description").TextContentAsync()).Should().Be("Order #1456 <b>bold</b>", "the merchant's text is shown, not interpreted");
        (await page.GetByRole(AriaRole.Radio, new() { Name = "Peruvian bank account (Tupay)" }).IsCheckedAsync()).Should().BeFalse("with two methods none is chosen for the recipient");
        (await page.GetByRole(AriaRole.Radio, new() { Name = "PayPal account (e-mail)" }).IsCheckedAsync()).Should().BeFalse();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Peruvian bank account (Tupay)" }).CheckAsync();
        await page.GetByLabel("Identity document type").SelectOptionAsync("DNI");
        await page.GetByLabel("Document number").FillAsync("1234");
        await page.GetByLabel("First name(s)").FillAsync("Ana María");
        await page.GetByLabel("Last name(s)").FillAsync("Quispe");
        await page.GetByLabel("Interbank account code (CCI)").FillAsync("0021930015");
        var rejected = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync(), r => r.Request.Method == "POST");
        await page.Locator("[role=alert]").WaitForAsync();

        rejected.Status.Should().Be(400);
        var summary = page.Locator("[role=alert]");
        (await summary.Locator("li").AllTextContentsAsync()).Should().Equal(
            "Document number: 8 to 12 digits.",
            "Interbank account code (CCI): The CCI has exactly 20 digits.",
            "Account type: Must be \"C\" (checking) or \"S\" (savings).");
        await ExpectFieldErrorAsync(page, "document_id", "8 to 12 digits.");
        await ExpectFieldErrorAsync(page, "bank_account", "The CCI has exactly 20 digits.");
        await ExpectFieldErrorAsync(page, "account_type", "Must be \"C\" (checking) or \"S\" (savings).");
        (await page.Locator("#beneficiary_name").GetAttributeAsync("aria-invalid")).Should().BeNull();
        (await page.Locator("#email").GetAttributeAsync("aria-invalid")).Should().BeNull("the PayPal field is not checked when the bank account is chosen");
        (await page.GetByRole(AriaRole.Radio, new() { Name = "Peruvian bank account (Tupay)" }).IsCheckedAsync()).Should().BeTrue("the choice is kept");
        (await page.GetByLabel("Identity document type").InputValueAsync()).Should().Be("DNI", "the recipient's values are kept");
        (await page.GetByLabel("Document number").InputValueAsync()).Should().Be("1234");
        (await page.GetByLabel("First name(s)").InputValueAsync()).Should().Be("Ana María");
        (await page.GetByLabel("Interbank account code (CCI)").InputValueAsync()).Should().Be("0021930015");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Document number: 8 to 12 digits." }).ClickAsync();
        (await page.EvaluateAsync<string>("document.activeElement.id")).Should().Be("document_id", "the summary links to its field");

        await page.GetByLabel("Document number").FillAsync("12345678");
        await page.GetByLabel("Interbank account code (CCI)").FillAsync("00219300153895206813");
        await page.GetByLabel("Account type").SelectOptionAsync("S");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
        await page.WaitForURLAsync("https://merchant.example/**");

        page.Url.Should().Be($"https://merchant.example/return?order=1456&payout_id={payout.PublicId}");
        (await page.Locator("h1").TextContentAsync()).Should().Be("Back at the merchant");
        merchantRequests.Should().ContainSingle().Which.Method.Should().Be("GET", "303 turns the POST into a GET");
        merchantRequests[0].Headers.Should().NotContainKey("referer", "the form's URL holds the token and must not reach the merchant");

        var again = await page.GotoAsync(service.FormUrl(payout).ToString());
        again!.Status.Should().Be(410);
        (await page.Locator("main p").TextContentAsync()).Should().Be("This payout link has already been used.");

        // And the payout goes on to Tupay (the sandbox) and is paid.
        var paid = await ProvidersHost.EventuallyAsync(
            () => service.UseCasesAsync(u => u.AskAsync(new GetPayoutQuery(HostedFormService.Merchant, payout.PublicId), CancellationToken.None)),
            p => p.IsSuccess && p.Value.Status == PayoutStatus.InitiationCompleted, "the payout to be paid by Tupay");
        paid.Value.State.Should().Be(PayoutState.Succeeded);
    }

    [Fact]
    public async Task A_recipient_paid_by_paypal_corrects_their_email_lands_on_the_merchants_page_and_paypal_pays()
    {
        const string Email = "ana.quispe@example.com";
        var payout = await service.CreatePayoutAsync(currency: "USD");
        await using var context = await (await service.BrowserAsync()).NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync("https://merchant.example/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 200, ContentType = "text/html", Body = "<!doctype html><title>Merchant</title><h1>Back at the merchant</h1>",
        }));
        await page.GotoAsync(service.FormUrl(payout).ToString());

        await page.GetByRole(AriaRole.Radio, new() { Name = "PayPal account (e-mail)" }).CheckAsync();
        await page.GetByLabel("PayPal e-mail address").FillAsync("ana.quispe example.com");
        var rejected = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync(), r => r.Request.Method == "POST");
        await page.Locator("[role=alert]").WaitForAsync();

        rejected.Status.Should().Be(400);
        const string Message = "Enter one e-mail address, like name@example.com, of at most 127 characters.";
        (await page.Locator("[role=alert] li").AllTextContentsAsync()).Should().ContainSingle(
            "only the chosen method's fields are checked: the empty bank account fields are no error").Which.Should().Be($"PayPal e-mail address: {Message}");
        await ExpectFieldErrorAsync(page, "email", Message);
        (await page.Locator("[aria-invalid=true]").CountAsync()).Should().Be(1);
        (await page.GetByRole(AriaRole.Radio, new() { Name = "PayPal account (e-mail)" }).IsCheckedAsync()).Should().BeTrue("the choice is kept");
        (await page.GetByLabel("PayPal e-mail address").InputValueAsync()).Should().Be("ana.quispe example.com", "the value is kept");

        await page.GetByLabel("PayPal e-mail address").FillAsync(Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
        await page.WaitForURLAsync("https://merchant.example/**");

        page.Url.Should().Be($"https://merchant.example/return?order=1456&payout_id={payout.PublicId}");

        // PayPal (the sandbox) gets the payout to the e-mail address and pays it.
        var paid = await ProvidersHost.EventuallyAsync(
            () => service.UseCasesAsync(u => u.AskAsync(new GetPayoutQuery(HostedFormService.Merchant, payout.PublicId), CancellationToken.None)),
            p => p.IsSuccess && p.Value.Status == PayoutStatus.InitiationCompleted, "the payout to be paid by PayPal");
        paid.Value.State.Should().Be(PayoutState.Succeeded);
        service.Host.Sandbox.PayPal.Webhooks.Select(w => Encoding.UTF8.GetString(w.Body))
            .Should().Contain(body => body.Contains($"\"receiver\":\"{Email}\"", StringComparison.Ordinal), "PayPal paid the e-mail address");
    }

    [Fact]
    public async Task Without_script_both_methods_fields_are_shown_each_saying_which_choice_it_is_for()
    {
        var payout = await service.CreatePayoutAsync(currency: "USD");
        await using var context = await (await service.BrowserAsync()).NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(service.FormUrl(payout).ToString());

        var methods = page.GetByRole(AriaRole.Group, new() { Name = "How do you want to be paid?" });
        (await methods.GetByRole(AriaRole.Radio).CountAsync()).Should().Be(2);
        var bank = page.GetByRole(AriaRole.Group, new() { Name = "Your bank account Only if you chose “Peruvian bank account (Tupay)”." });
        var paypal = page.GetByRole(AriaRole.Group, new() { Name = "Your PayPal account Only if you chose “PayPal account (e-mail)”." });
        (await bank.IsVisibleAsync()).Should().BeTrue();
        (await paypal.IsVisibleAsync()).Should().BeTrue();
        (await bank.GetByLabel("Interbank account code (CCI)").IsVisibleAsync()).Should().BeTrue();
        (await paypal.GetByLabel("PayPal e-mail address").IsVisibleAsync()).Should().BeTrue();
        (await paypal.GetByLabel("Interbank account code (CCI)").CountAsync()).Should().Be(0, "each field sits in its own method's group");
        var email = page.GetByLabel("PayPal e-mail address");
        (await email.GetAttributeAsync("inputmode")).Should().Be("email");
        (await email.GetAttributeAsync("autocomplete")).Should().Be("email");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_phone_shows_the_form_without_horizontal_scrolling(bool withErrors)
    {
        var payout = await service.CreatePayoutAsync();
        await using var context = await (await service.BrowserAsync()).NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 320, Height = 640 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(service.FormUrl(payout).ToString());
        if (withErrors)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).ClickAsync();
            await page.Locator("[role=alert]").WaitForAsync();
        }

        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1], "nothing may stick out sideways on a 320 px screen");
        var button = await page.GetByRole(AriaRole.Button, new() { Name = "Send my details" }).BoundingBoxAsync();
        (button!.X + button.Width).Should().BeLessThanOrEqualTo(320);
    }

    private static async Task ExpectFieldErrorAsync(IPage page, string field, string message)
    {
        var input = page.Locator("#" + field);
        (await input.GetAttributeAsync("aria-invalid")).Should().Be("true");
        (await input.GetAttributeAsync("aria-describedby")).Should().Contain(field + "-error");
        (await page.Locator($"#{field}-error").TextContentAsync()).Should().Be(message);
    }
}
