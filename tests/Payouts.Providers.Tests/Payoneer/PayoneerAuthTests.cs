using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.Payoneer;

public sealed class PayoneerWrongCredentialsTests : PayoneerTestBase
{
    public PayoneerWrongCredentialsTests() => Fixture.Settings["Providers:Payoneer:ClientSecret"] = "not-the-secret";

    [Fact]
    public async Task A_submission_with_refused_credentials_is_NotSent_and_says_why()
    {
        var outcome = await Payouts.SubmitAsync(Instruction(4001), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("refused our OAuth client credentials").And.Contain("invalid_client");
        Sandbox.PayoutCount.Should().Be(0);
    }

    [Fact]
    public async Task A_status_read_with_refused_credentials_is_a_permanent_failure()
    {
        var status = await Payouts.GetStatusAsync(Instruction(4002), CancellationToken.None);

        status.Failure!.Transient.Should().BeFalse();
        status.Failure.Code.Should().Be("invalid_client");
        status.Failure.Message.Should().NotContain("not-the-secret");
    }
}

public sealed class PayoneerUnconfiguredTests : PayoneerTestBase
{
    public PayoneerUnconfiguredTests()
    {
        Fixture.Settings.Remove("Providers:Payoneer:ClientSecret");
        Fixture.Settings.Remove("Providers:Payoneer:IpcnSecret");
    }

    [Fact]
    public async Task Missing_credentials_fail_clearly_and_name_the_key()
    {
        var status = await Payouts.GetStatusAsync(Instruction(4003), CancellationToken.None);
        var outcome = await Payouts.SubmitAsync(Instruction(4003), CancellationToken.None);

        status.Failure.Should().Be(new ProviderFailure(false, "not_configured", "Payoneer is not configured: Providers:Payoneer:ClientSecret is missing."));
        outcome.Should().Be(new SubmitOutcome.NotSent("Payoneer is not configured: Providers:Payoneer:ClientSecret is missing."));
        Sandbox.TokensIssued.Should().Be(0);
    }

    [Fact]
    public async Task Without_the_IPCN_secret_no_notification_is_trusted()
    {
        var notification = new ProviderNotification(new Uri("http://localhost/notifications/payoneer/payee-approved"), "POST", new Dictionary<string, string>(), "{}"u8.ToArray());

        var result = await Verifier.VerifyAsync(notification, CancellationToken.None);

        result.Failure!.Code.Should().Be("not_configured");
    }
}
