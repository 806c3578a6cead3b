using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Common;

namespace Payouts.Application.CashoutMethods.Commands.CompleteCashoutLink;

internal sealed class CompleteCashoutLinkCommandHandler(
    IEnumerable<IRedirectLinkProvider> providers, IUnitOfWork unitOfWork, LinkState states, LinkPolicy policy, TimeProvider clock)
    : ICommandHandler<CompleteCashoutLinkCommand, CashoutLinkCompleted>
{
    public async Task<Result<CashoutLinkCompleted>> Handle(CompleteCashoutLinkCommand command, CancellationToken cancellationToken)
    {
        var provider = providers.FirstOrDefault(p => p.Name == command.Provider);
        if (provider is null)
        {
            return Error.NotFound("link.unknown_provider", "No such link callback.");
        }

        var callerId = states.Verify(command.Query.GetValueOrDefault("state"), command.Provider);
        if (callerId is null)
        {
            return Error.Validation("link.invalid_state", "This link is invalid or has expired. Start linking again.", new FieldViolation("state", "is invalid or expired"));
        }

        var account = await provider.CompleteLinkAsync(ProviderAccountIds.For(callerId), command.Query, policy.CallbackUrlFor(command.Provider), cancellationToken);
        if (!account.IsSuccess)
        {
            return ProviderErrors.From(command.Provider, account.Failure!);
        }

        var linked = account.Value!;
        var now = clock.GetUtcNow();
        var status = linked.Ready ? CashoutMethodLink.Linked : CashoutMethodLink.Pending;
        var saved = await unitOfWork.ExecuteAsync(
            session =>
            {
                session.SaveCashoutMethod(new CashoutMethodLink(callerId, command.Provider, status, linked.AccountId, now));
                return Result<bool>.Success(true);
            },
            cancellationToken);
        return saved.IsSuccess ? new CashoutLinkCompleted(command.Provider, linked.Ready) : saved.Error;
    }
}
