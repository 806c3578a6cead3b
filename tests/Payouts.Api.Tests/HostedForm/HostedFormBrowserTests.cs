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
        var payout = await service.CreatePayoutAsync();
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
        (await page.Locator(".amount").TextContentAsync()).Should().Be("PEN 10.00");
        (await page.Locator(".description").TextContentAsync()).Should().Be("Order #1456 <b>bold</b>", "the merchant's text is shown, not interpreted");
        (await page.GetByRole(AriaRole.Radio, new() { Name = "Peruvian bank account (Tupay)" }).IsCheckedAsync()).Should().BeTrue();

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
            "Document number: A DNI has exactly 8 digits.",
            "Interbank account code (CCI): The CCI has exactly 20 digits.",
            "Account type: Must be \"C\" (checking) or \"S\" (savings).");
        await ExpectFieldErrorAsync(page, "document_id", "A DNI has exactly 8 digits.");
        await ExpectFieldErrorAsync(page, "bank_account", "The CCI has exactly 20 digits.");
        await ExpectFieldErrorAsync(page, "account_type", "Must be \"C\" (checking) or \"S\" (savings).");
        (await page.Locator("#beneficiary_name").GetAttributeAsync("aria-invalid")).Should().BeNull();
        (await page.GetByLabel("Identity document type").InputValueAsync()).Should().Be("DNI", "the recipient's values are kept");
        (await page.GetByLabel("Document number").InputValueAsync()).Should().Be("1234");
        (await page.GetByLabel("First name(s)").InputValueAsync()).Should().Be("Ana María");
        (await page.GetByLabel("Interbank account code (CCI)").InputValueAsync()).Should().Be("0021930015");

        await summary.GetByRole(AriaRole.Link, new() { Name = "Document number: A DNI has exactly 8 digits." }).ClickAsync();
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
