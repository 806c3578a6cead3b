using Payouts.Application.Common;
using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;

namespace Payouts.Application.Balances.Commands.CreditBalance;

internal sealed class CreditBalanceCommandHandler(IValidator<CreditBalanceCommand, Money> validator, IUnitOfWork unitOfWork, TimeProvider clock)
    : ValidatedHandler<CreditBalanceCommand, Money, BalanceCredited>(validator)
{
    protected override Task<Result<BalanceCredited>> HandleAsync(CreditBalanceCommand command, Money amount, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return unitOfWork.ExecuteAsync(session => Credit(session, command, amount.Currency, now), PendingIdempotencyRecord.For(command, now), cancellationToken);
    }

    private static Result<BalanceCredited> Credit(IWriteSession session, CreditBalanceCommand command, Currency currency, DateTimeOffset now)
    {
        var account = session.Ledger.FindAccount(command.UserId, currency);
        if (account is null)
        {
            account = BalanceAccount.Open(Guid.NewGuid(), command.UserId, currency);
            session.Ledger.AddAccount(account);
        }

        if (session.Ledger.FindEntry(account.Id, EntryKind.Credit, command.Reference) is { } earlier)
        {
            return earlier.Amount == command.Amount
                ? new BalanceCredited(command.Reference, AlreadyApplied: true, account.Available, currency.Code)
                : Error.AlreadyExists("balance.reference_reused",
                    $"Reference '{command.Reference}' already credited {earlier.Amount}, not {command.Amount}.");
        }

        var version = account.Version;
        var credit = account.Credit(command.Amount, command.Reference, now);
        if (!credit.IsSuccess)
        {
            return credit.Error;
        }

        session.Ledger.UpdateAccount(account, version);
        session.Ledger.AddEntry(credit.Value);
        return new BalanceCredited(command.Reference, AlreadyApplied: false, account.Available, currency.Code);
    }
}
