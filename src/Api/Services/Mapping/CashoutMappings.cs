using Mapster;
using Payouts.Application.Balances;
using Payouts.Application.Balances.Commands.CreditBalance;
using Payouts.Application.Cashouts;
using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Cashouts.Queries.ListCashouts;
using Payouts.Contracts.V1;
using Payouts.Domain.Payouts;

namespace Payouts.Api.Services.Mapping;

/// <summary><c>payouts.v1.CashoutService</c>'s answers from its use cases' results.</summary>
public sealed class CashoutMappings : IRegister
{
    /// <summary>The legacy API's text (seed 000).</summary>
    public const string Processed = "Cashout processed successfully";

    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<BalanceView, GetBalanceResponse>();
        config.NewConfig<BalanceCredited, CreditBalanceResponse>();
        config.NewConfig<CashoutProcessed, ProcessCashoutResponse>()
            .Map(response => response.Message, _ => Processed);
        config.NewConfig<CashoutView, Cashout>()
            .Map(cashout => cashout.Type, view => PayoutTypes.Of(PayoutKind.Cashout, view.Provider))
            .Map(cashout => cashout.Status, view => CashoutView.StatusWord(view.Status))
            .Map(cashout => cashout.CreateTime, view => view.CreatedAt)
            .Map(cashout => cashout.UpdateTime, view => view.UpdatedAt);
        config.NewConfig<CashoutPage, ListCashoutsResponse>();
    }
}
