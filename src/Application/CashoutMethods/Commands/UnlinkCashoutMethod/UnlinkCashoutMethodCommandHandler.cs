using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods.Commands.UnlinkCashoutMethod;

/// <summary>
/// Releases the payee at the provider, then marks the method unlinked (kept for history). Every
/// failure gives seed 000's one message; the error code says which it was.
/// </summary>
internal sealed class UnlinkCashoutMethodCommandHandler(IEnumerable<IUnlinkProvider> providers, IUnitOfWork unitOfWork, TimeProvider clock)
    : ICommandHandler<UnlinkCashoutMethodCommand, CashoutUnlinked>
{
    private const string FailedMessage = "Failed to unlink cashout method. The method may not be linked or an error occurred.";

    public async Task<Result<CashoutUnlinked>> Handle(UnlinkCashoutMethodCommand command, CancellationToken cancellationToken)
    {
        var method = await unitOfWork.ExecuteAsync(
            session => Result<CashoutMethodLink?>.Success(session.CashoutMethods.Find(command.CallerId, UnlinkCashoutMethodCommandValidator.Unlinkable)), cancellationToken);
        if (!method.IsSuccess)
        {
            return method.Error;
        }

        if (method.Value is not { Status: LinkStatus.Linked or LinkStatus.Pending } link)
        {
            return Error.Precondition("unlink.not_linked", FailedMessage);
        }

        var provider = providers.FirstOrDefault(p => p.Provider == UnlinkCashoutMethodCommandValidator.Unlinkable);
        if (provider is null)
        {
            return Error.Precondition("unlink.not_configured", FailedMessage);
        }

        var released = await provider.UnlinkAsync(link.Reference ?? ProviderAccountIds.For(command.CallerId), cancellationToken);
        if (!released.IsSuccess)
        {
            return released.Failure!.Transient ? Error.Unavailable("unlink.provider_unavailable", FailedMessage) : Error.Precondition("unlink.provider_refused", FailedMessage);
        }

        // The provider no longer knowing the payee still leaves nothing to pay to: unlinked either way.
        var now = clock.GetUtcNow();
        var saved = await unitOfWork.ExecuteAsync(
            session =>
            {
                session.CashoutMethods.Save(link with { Status = LinkStatus.Unlinked, UpdatedAt = now });
                return Result<bool>.Success(true);
            },
            cancellationToken);
        return saved.IsSuccess ? new CashoutUnlinked("Payoneer cashout method unlinked successfully", UnlinkCashoutMethodCommandValidator.Unlinkable) : saved.Error;
    }
}
