using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.Payoneer;

public sealed class PayoneerLinkTests : PayoneerTestBase
{
    private static readonly Uri Callback = new("https://payouts.example/links/payoneer/callback");

    // Review takes one step: long enough that the test sees the payee pending first.
    public PayoneerLinkTests() => Fixture.SandboxSettings.StepDelay = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task The_registration_link_brings_the_payee_back_with_our_state_and_it_is_ready_only_after_approval()
    {
        var link = await Links.StartLinkAsync("user-42", Callback, "signed.state-value", CancellationToken.None);
        link.IsSuccess.Should().BeTrue();
        link.Value!.GetLeftPart(UriPartial.Authority).Should().Be(Fixture.Sandbox.BaseUrl.GetLeftPart(UriPartial.Authority), "the sandbox serves the sign-up page itself");

        var back = await FollowOnceAsync(link.Value);
        back.GetLeftPart(UriPartial.Path).Should().Be(Callback.AbsoluteUri);
        var query = QueryHelpers.ParseQuery(back.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        query.Should().Contain("state", "signed.state-value");

        var early = await Links.CompleteLinkAsync("user-42", query, Callback, CancellationToken.None);
        early.Value.Should().Be(new LinkedAccount("user-42", Ready: false));

        var approved = await CompleteEventuallyAsync("user-42", query);
        approved.Value.Should().Be(new LinkedAccount("user-42", Ready: true));

        var ipcn = (await WaitForIpcnAsync("payee-approved")).Should().ContainSingle().Subject;
        (await Verifier.VerifyAsync(ipcn, CancellationToken.None)).Value.Should().BeEquivalentTo(new VerifiedNotification([], ["user-42"]));
        (await Payouts.SubmitAsync(Instruction(5001, payee: "user-42"), CancellationToken.None)).Should().Be(new SubmitOutcome.Accepted("5001"));
    }

    [Fact]
    public async Task When_Payoneer_approves_at_once_the_link_is_ready_on_return()
    {
        Fixture.SandboxSettings.Payoneer.ApproveImmediately = true;
        var link = await Links.StartLinkAsync("user-43", Callback, "s", CancellationToken.None);

        await FollowOnceAsync(link.Value!);
        var result = await Links.CompleteLinkAsync("user-43", new Dictionary<string, string> { ["state"] = "s" }, Callback, CancellationToken.None);

        result.Value.Should().Be(new LinkedAccount("user-43", Ready: true));
    }

    [Fact]
    public async Task A_declined_payee_fails_the_link_for_good_and_the_IPCN_names_the_payee()
    {
        var link = await Links.StartLinkAsync("user-decline-7", Callback, "s", CancellationToken.None);
        await FollowOnceAsync(link.Value!);

        var result = await CompleteEventuallyAsync("user-decline-7", []);

        result.Failure.Should().NotBeNull();
        result.Failure!.Transient.Should().BeFalse();
        result.Failure.Code.Should().Be("declined");
        var ipcn = (await WaitForIpcnAsync("payee-declined")).Should().ContainSingle().Subject;
        (await Verifier.VerifyAsync(ipcn, CancellationToken.None)).Value!.AccountIds.Should().Equal("user-decline-7");
        (await Payouts.SubmitAsync(Instruction(5002, payee: "user-decline-7"), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Refused>();
    }

    [Fact]
    public async Task Completing_a_link_the_payee_never_registered_is_declined()
    {
        await Links.StartLinkAsync("user-44", Callback, "s", CancellationToken.None);

        var result = await Links.CompleteLinkAsync("user-44", new Dictionary<string, string>(), Callback, CancellationToken.None);

        result.Failure!.Code.Should().Be("declined");
        result.Failure.Transient.Should().BeFalse();
    }

    [Fact]
    public async Task Unlinking_releases_a_linked_payee_once_and_then_reports_it_unknown()
    {
        var first = await Unlinks.UnlinkAsync(Payee, CancellationToken.None);
        var again = await Unlinks.UnlinkAsync(Payee, CancellationToken.None);
        var unknown = await Unlinks.UnlinkAsync("never-linked", CancellationToken.None);

        first.Value.Should().BeTrue();
        again.IsSuccess.Should().BeTrue();
        again.Value.Should().BeFalse();
        unknown.IsSuccess.Should().BeTrue();
        unknown.Value.Should().BeFalse();
        (await Payouts.SubmitAsync(Instruction(5003), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Refused>("a released payee cannot be paid");
    }

    [Fact]
    public async Task A_link_request_Payoneer_cannot_serve_is_a_transient_failure()
    {
        Fixture.Sandbox.Payoneer.Context.Faults.Arm(new Sandboxes.Common.Fault("registration-link", Sandboxes.Common.FaultKind.Unavailable, 3));

        var link = await Links.StartLinkAsync("user-45", Callback, "s", CancellationToken.None);

        link.Failure!.Transient.Should().BeTrue();
    }

    /// <summary>What the payee's browser does: open the link and get one redirect back, which we do not follow.</summary>
    private static async Task<Uri> FollowOnceAsync(Uri link)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await browser.GetAsync(link);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return response.Headers.Location!;
    }

    private async Task<ProviderResult<LinkedAccount>> CompleteEventuallyAsync(string accountId, Dictionary<string, string> query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var result = await Links.CompleteLinkAsync(accountId, query, Callback, CancellationToken.None);
            if (result.Value is not { Ready: false } || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(50);
        }
    }
}
