using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods.Commands.CompleteCashoutLink;

internal sealed class CompleteCashoutLinkCommandHandler(
    IEnumerable<IRedirectLinkProvider> providers, IUnitOfWork unitOfWork, LinkState states, LinkPolicy policy, TimeProvider clock)
    : ICommandHandler<CompleteCashoutLinkCommand, CashoutLinkCompleted>
{
    public async Task<Result<CashoutLinkCompleted>> Handle(CompleteCashoutLinkCommand command, CancellationToken cancellationToken)
    {
        if (!ProviderNames.TryParse(command.Provider, out var provider) || providers.FirstOrDefault(p => p.Provider == provider) is not { } linker)
        {
            return Error.NotFound("link.unknown_provider", "No such link callback.");
        }

        var holder = states.Verify(command.Query.GetValueOrDefault("state"), provider);
        if (holder is null || !await IsOpenAsync(holder, provider, cancellationToken))
        {
            return InvalidLink;
        }

        var account = await linker.CompleteLinkAsync(ProviderAccountIds.For(holder.CallerId), command.Query, policy.CallbackUrlFor(provider), cancellationToken);
        if (!account.IsSuccess)
        {
            return ProviderErrors.From(provider, account.Failure!);
        }

        var linked = account.Value!;
        var now = clock.GetUtcNow();
        return await unitOfWork.ExecuteAsync(
            session =>
            {
                // Checked again in the write: of two callbacks with one state, only the first links.
                if (session.CashoutMethods.Find(holder.CallerId, provider) is not { } method || method.LinkNonce != holder.Nonce)
                {
                    return InvalidLink;
                }

                // An account the provider still reviews never replaces one that is already linked.
                var keep = !linked.Ready && method.Status == LinkStatus.Linked;
                session.CashoutMethods.Save(method with
                {
                    Status = linked.Ready || keep ? LinkStatus.Linked : LinkStatus.Pending,
                    Reference = keep ? method.Reference : linked.AccountId,
                    UpdatedAt = now,
                    LinkNonce = null,
                });
                return Result<CashoutLinkCompleted>.Success(new CashoutLinkCompleted(provider, linked.Ready));
            },
            cancellationToken);
    }

    private static Error InvalidLink =>
        Error.Validation("link.invalid_state", "This link is invalid, expired or already used. Start linking again.", new FieldViolation("state", "is invalid, expired or already used"));

    private async Task<bool> IsOpenAsync(IssuedLinkState.Holder holder, Provider provider, CancellationToken cancellationToken)
    {
        var method = await unitOfWork.ExecuteAsync(
            session => Result<CashoutMethodLink?>.Success(session.CashoutMethods.Find(holder.CallerId, provider)), cancellationToken);
        return method.IsSuccess && method.Value?.LinkNonce == holder.Nonce;
    }
}
