using Payouts.Application.Common;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods.Commands.LinkCashoutMethod;

/// <summary>
/// Starts a link. The method is recorded as pending until the provider confirms the account, so it
/// cannot receive cashouts before; an already linked method stays usable while the user re-links.
/// </summary>
internal sealed class LinkCashoutMethodCommandHandler(
    IValidator<LinkCashoutMethodCommand, ParsedLink> validator,
    IEnumerable<IRedirectLinkProvider> redirectProviders,
    IEnumerable<IPayeeRegistry> payeeRegistries,
    IUnitOfWork unitOfWork,
    LinkState states,
    LinkPolicy policy,
    TimeProvider clock) : ValidatedHandler<LinkCashoutMethodCommand, ParsedLink, CashoutLinkResult>(validator)
{
    /// <param name="link">The provider, and Tipalti's payee parsed from the request (null for the providers the user links at their own site).</param>
    protected override Task<Result<CashoutLinkResult>> HandleAsync(LinkCashoutMethodCommand command, ParsedLink link, CancellationToken cancellationToken) =>
        link.Payee is { } payee ? CreatePayeeAsync(command, payee, cancellationToken) : StartRedirectAsync(command, link.Provider, cancellationToken);

    private async Task<Result<CashoutLinkResult>> StartRedirectAsync(LinkCashoutMethodCommand command, Provider provider, CancellationToken cancellationToken)
    {
        var linker = redirectProviders.FirstOrDefault(p => p.Provider == provider);
        if (linker is null)
        {
            return ProviderErrors.Unsupported(provider);
        }

        var accountId = ProviderAccountIds.For(command.CallerId);
        var state = states.Issue(command.CallerId, provider);
        var link = await linker.StartLinkAsync(accountId, policy.CallbackUrlFor(provider), state.Value, cancellationToken);
        if (!link.IsSuccess)
        {
            return ProviderErrors.From(provider, link.Failure!);
        }

        var saved = await SavePendingAsync(command.CallerId, provider, accountId, state.Nonce, cancellationToken);
        return saved.IsSuccess
            ? new CashoutLinkResult("Cashout link created successfully", provider, link.Value, null, null)
            : saved.Error;
    }

    private async Task<Result<CashoutLinkResult>> CreatePayeeAsync(LinkCashoutMethodCommand command, PayeeDetails payee, CancellationToken cancellationToken)
    {
        var registry = payeeRegistries.FirstOrDefault(p => p.Provider == Provider.Tipalti);
        if (registry is null)
        {
            return ProviderErrors.Unsupported(Provider.Tipalti);
        }

        var payeeId = payee.PayeeId;
        var exists = await registry.PayeeExistsAsync(payeeId, cancellationToken);
        if (!exists.IsSuccess)
        {
            return ProviderErrors.From(Provider.Tipalti, exists.Failure!);
        }

        var upserted = await registry.UpsertPayeeAsync(payee, cancellationToken);
        if (!upserted.IsSuccess)
        {
            return ProviderErrors.From(Provider.Tipalti, upserted.Failure!);
        }

        var now = clock.GetUtcNow();
        var saved = await unitOfWork.ExecuteAsync(
            session =>
            {
                session.CashoutMethods.Save(new CashoutMethodLink(command.CallerId, Provider.Tipalti, LinkStatus.Linked, payeeId, now));
                return Result<bool>.Success(true);
            },
            cancellationToken);
        return saved.IsSuccess
            ? new CashoutLinkResult("Tipalti payee account created successfully", Provider.Tipalti, null, payeeId, exists.Value)
            : saved.Error;
    }

    /// <summary>
    /// Records the link in progress with its state's nonce. A method already linked stays linked (and keeps
    /// its account) until the new link completes; otherwise it is pending, under the account id we gave the
    /// provider, so a provider's later "approved" notification finds it.
    /// </summary>
    private Task<Result<bool>> SavePendingAsync(string callerId, Provider provider, string accountId, string nonce, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return unitOfWork.ExecuteAsync(
            session =>
            {
                var linked = session.CashoutMethods.Find(callerId, provider) is { Status: LinkStatus.Linked } existing ? existing : null;
                session.CashoutMethods.Save(new CashoutMethodLink(
                    callerId, provider, linked?.Status ?? LinkStatus.Pending, linked?.Reference ?? accountId, now, nonce));
                return Result<bool>.Success(true);
            },
            cancellationToken);
    }
}
