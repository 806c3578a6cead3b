using MediatR;
using Payouts.Application.Balances.Commands.CreditBalance;
using Payouts.Application.CashoutMethods.Commands.LinkCashoutMethod;
using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Merchants.Commands.SetDefaultWebhookUrl;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Commands.CreatePayout;
using Payouts.Application.Payouts.Commands.ProvideRecipientDetails;
using Payouts.Application.Payouts.Queries.ListPayouts;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Validation;

/// <summary>
/// Handlers work on what their validator parsed, never on the caller's text: called directly, without the
/// validation behaviour in front, each refuses bad input with the validator's own error instead of throwing on it.
/// </summary>
// IAsyncLifetime, not IAsyncDisposable, which xunit 2 never calls: every harness here was left behind undisposed, and on
// PostgreSQL that left its database and its writers' connections open until the test process ended.
public sealed class HandlersWithoutValidationTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    [Fact]
    public async Task A_cashout_without_an_amount() =>
        (await HandleAsync<ProcessCashoutCommand, CashoutProcessed>(Cashout("alice", amount: null))).Code.Should().Be("cashout.missing_parameters");

    [Fact]
    public async Task A_credit_in_no_currency() =>
        (await HandleAsync<CreditBalanceCommand, BalanceCredited>(Credit("alice", 500, currency: "usd"))).Code.Should().Be("balance.invalid_credit");

    [Fact]
    public async Task A_payout_of_an_amount_that_is_not_one() =>
        (await HandleAsync<CreatePayoutCommand, PayoutView>(Payout(amount: "ten"))).Code.Should().Be("payout.invalid_parameters");

    [Fact]
    public async Task A_payout_to_a_webhook_url_that_is_not_one() =>
        (await HandleAsync<CreatePayoutCommand, PayoutView>(Payout() with { WebhookUrl = "not a url" })).Code.Should().Be("payout.invalid_parameters");

    [Fact]
    public async Task Recipient_details_for_a_method_the_form_does_not_offer() =>
        (await HandleAsync<ProvideRecipientDetailsCommand, RecipientDetailsAccepted>(new("pay_1.x", "cheque", "", "", "", "", "", "", "", ""))).Code.Should().Be("hosted_form.invalid_details");

    [Fact]
    public async Task A_tipalti_link_without_the_payee() =>
        (await HandleAsync<LinkCashoutMethodCommand, CashoutLinkResult>(new("alice", "tipalti", null))).Code.Should().Be("link.missing_payee_fields");

    [Fact]
    public async Task A_default_webhook_url_that_is_not_one() =>
        (await HandleAsync<SetDefaultWebhookUrlCommand, bool>(new(Merchant, "http://"))).Code.Should().Be("merchant.invalid_webhook_url");

    [Fact]
    public async Task A_payout_list_from_an_offset_we_never_gave() =>
        (await HandleAsync<ListPayoutsQuery, PayoutPage>(new(Merchant, 10, "o1.forged", "", "", [], false, [], false, [], ""))).Code.Should().Be("payouts.invalid_query");

    /// <summary>The request's handler alone, as MediatR resolves it, without any pipeline behaviour.</summary>
    private Task<Error> HandleAsync<TRequest, TResponse>(TRequest request)
        where TRequest : IRequest<Result<TResponse>> =>
        _app.InScopeAsync(async services =>
        {
            var result = await services.GetRequiredService<IRequestHandler<TRequest, Result<TResponse>>>().Handle(request, CancellationToken.None);
            result.IsSuccess.Should().BeFalse();
            return result.Error;
        });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
