using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;

namespace Payouts.Providers.Tests.Tipalti;

/// <summary>Credentials and the signed-string choices, each against its own sandbox and adapter.</summary>
public sealed class TipaltiAuthTests
{
    private static PayoutInstruction Payout(string idap) =>
        new(42, Money.FromMinor(10_00, new Currency("USD", 2)), new ProviderAccount(idap), null, "Cashout");

    [Fact]
    public async Task A_wrong_master_key_is_refused_by_the_sandbox_with_a_clear_failure()
    {
        await using var wrong = new TipaltiCustomConfiguration(("Providers:Tipalti:MasterKey", "not-the-master-key"));
        await wrong.InitializeAsync();
        var services = wrong.Fixture.Services;

        var exists = await services.GetServices<IPayeeRegistry>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti).PayeeExistsAsync("anyone", CancellationToken.None);
        var submit = await services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti).SubmitAsync(Payout("anyone"), CancellationToken.None);
        var status = await services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti).GetStatusAsync(Payout("anyone"), CancellationToken.None);

        exists.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "EncryptionKeyFailedValidation" });
        exists.Failure!.Message.Should().Contain("MasterKey");
        status.Failure!.Code.Should().Be("EncryptionKeyFailedValidation");
        submit.Should().BeOfType<SubmitOutcome.NotSent>("a refused key creates no payment, and a fixed key may send it")
            .Which.Reason.Should().Contain("MasterKey");
        wrong.Fixture.Sandbox.Tipalti.PaymentCount.Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_payer_name_is_refused_as_PayerUnknown()
    {
        await using var wrong = new TipaltiCustomConfiguration(("Providers:Tipalti:PayerName", "SomeoneElse"));
        await wrong.InitializeAsync();

        var exists = await wrong.Fixture.Services.GetServices<IPayeeRegistry>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti).PayeeExistsAsync("anyone", CancellationToken.None);

        exists.Failure!.Code.Should().Be("PayerUnknown");
    }

    [Fact]
    public async Task Missing_credentials_fail_clearly_without_calling_Tipalti()
    {
        await using var unconfigured = new TipaltiCustomConfiguration(("Providers:Tipalti:MasterKey", null));
        await unconfigured.InitializeAsync();
        var provider = unconfigured.Fixture.Services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti);

        var submit = await provider.SubmitAsync(Payout("anyone"), CancellationToken.None);
        var status = await provider.GetStatusAsync(Payout("anyone"), CancellationToken.None);

        submit.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("Providers:Tipalti:MasterKey");
        status.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "not_configured" });
        unconfigured.Fixture.Sandbox.Tipalti.CallsTo("ProcessPayments").Should().Be(0);
    }

    [Fact]
    public async Task ProcessPayments_can_sign_the_payment_group_title_when_both_sides_agree()
    {
        await using var signed = new TipaltiCustomConfiguration(("Providers:Tipalti:ProcessPaymentsEat", "PaymentGroupTitle"));
        signed.Fixture.SandboxSettings.Tipalti.ProcessPaymentsSignsGroupTitle = true;
        await signed.InitializeAsync();
        var services = signed.Fixture.Services;
        await services.GetServices<IPayeeRegistry>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti)
            .UpsertPayeeAsync(new PayeeDetails("p1", PayeeType.Individual, "Ana", "Quispe", null, "ana@example.com", new PayeeAddress("Av. Larco 123", null, "Lima", null, null, "PE"), null), CancellationToken.None);

        var submit = await services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti).SubmitAsync(Payout("p1"), CancellationToken.None);

        submit.Should().Be(new SubmitOutcome.Accepted("42"));
    }

    [Fact]
    public async Task A_payment_group_title_signed_by_one_side_only_is_refused()
    {
        await using var mismatched = new TipaltiCustomConfiguration();
        mismatched.Fixture.SandboxSettings.Tipalti.ProcessPaymentsSignsGroupTitle = true;
        await mismatched.InitializeAsync();

        var submit = await mismatched.Fixture.Services.GetServices<IPayoutProvider>().Single(p => p.Provider == Domain.Payouts.Provider.Tipalti).SubmitAsync(Payout("p1"), CancellationToken.None);

        submit.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("EncryptionKeyFailedValidation");
    }
}
