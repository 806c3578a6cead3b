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

        // No owner: its idempotency record is the crediting service's, not the user's (IUnitOfWork), so it runs alone.
        return unitOfWork.ExecuteAsync(
            session => Credit(session, command, amount.Currency, now), PendingIdempotencyRecord.For(command, now), owner: null, cancellationToken);
    }

    private static Result<BalanceCredited> Credit(IWriteSession session, CreditBalanceCommand command, Currency currency, DateTimeOffset now)
    {
        var account = session.Ledger.FindAccount(command.UserId, currency) ?? Open(session.Ledger, command.UserId, currency);

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

    /// <summary>A first credit opens the account; if another replica's first credit opened it meanwhile, that account is credited.</summary>
    private static BalanceAccount Open(ILedgerWrites ledger, string ownerId, Currency currency)
    {
        var opened = BalanceAccount.Open(Guid.NewGuid(), ownerId, currency);
        return ledger.TryAddAccount(opened)
            ? opened
            : ledger.FindAccount(ownerId, currency) ?? throw new InvalidOperationException($"The {currency.Code} account of {ownerId} was added and is gone.");
    }
}
