using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts.Commands.ProvideRecipientDetails;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;

namespace Payouts.Application.Tests.Simulation;

/// <summary>What the service's callers send: users' cash-outs and replays, a merchant's payouts, earnings, provider notifications.</summary>
public sealed partial class PipelineSimulation
{
    /// <summary>A cash-out, with an idempotency key one time in two; an acknowledged one must exist from then on.</summary>
    private async Task CashoutAsync()
    {
        var (user, method) = Users[_random.Next(Users.Length)];
        var amount = 100 + _random.Next(4_000);
        var key = _random.Next(2) == 0 ? $"key-{_keyed.Count}" : null;
        var request = Commands.Cashout(user, amount, type: method, key: key);
        var answer = Describe(await RequestAsync(request));
        if (key is not null)
        {
            _keyed.Add((request, answer));
        }

        _trace.Add($"cashout {user} {method} {amount} key {key ?? "none"} -> {answer}");
    }

    /// <summary>A client retrying a keyed cash-out, maybe across restarts and settlement: the first answer again, no new payout.</summary>
    private async Task ReplayAsync()
    {
        if (_keyed.Count == 0)
        {
            return;
        }

        var (request, first) = _keyed[_random.Next(_keyed.Count)];
        var again = Describe(await RequestAsync(request), acknowledge: false);
        _trace.Add($"replay {request.IdempotencyKey} -> {again}");
        Assert(again == first, $"replaying {request.IdempotencyKey} answered {again}, the first time {first}");
    }

    private string Describe(Result<CashoutProcessed> result, bool acknowledge = true)
    {
        if (result.IsSuccess && acknowledge)
        {
            _payouts.Add(result.Value.CashoutId);
        }

        return result.IsSuccess ? result.Value.ToString() : result.Error.Code;
    }

    /// <summary>
    /// A merchant's payout in soles: its recipient fills the hosted form (paid through Tupay) three times in four,
    /// else lets it expire, which cancels the payout and gives the money back. Either way the merchant hears of it.
    /// </summary>
    private async Task MerchantPayoutAsync()
    {
        var amount = 100 + _random.Next(4_000);
        var key = $"payout-{_payouts.Count}-{_random.Next()}";
        var created = await RequestAsync(Commands.Payout($"{amount / 100}.{amount % 100:D2}", "PEN") with { IdempotencyKey = key });
        if (!created.IsSuccess)
        {
            _trace.Add($"merchant payout {amount} -> {created.Error.Code}");
            return;
        }

        var payout = created.Value;
        _payouts.Add(payout.Id);
        var fills = _random.Next(4) > 0;
        _trace.Add($"merchant payout {payout.Id} {amount} PEN -> {payout.Status}, form {(fills ? "filled" : "left to expire")}");
        if (fills)
        {
            var token = payout.Url.AbsolutePath["/checkin/".Length..];
            var filled = await RequestAsync(new ProvideRecipientDetailsCommand(
                token, RecipientMethods.PeruvianBankAccount.Id, "PE", "DNI", "12345678", "Ana", "Quispe", "00219300153895206813", "S", ""));
            _trace.Add($"form of {payout.Id} -> {(filled.IsSuccess ? "accepted" : filled.Error.Code)}");
        }
    }

    private async Task CreditAsync(string owner, string currency, long amount)
    {
        var reference = $"earning-{_credited.Count}-{_random.Next()}";
        var result = await RequestAsync(Commands.Credit(owner, amount, reference, currency));
        Assert(result.IsSuccess, $"credit {amount} {currency} to {owner} failed: {(result.IsSuccess ? "" : result.Error.Code)}");
        _credited[(owner, currency)] = _credited.GetValueOrDefault((owner, currency)) + amount;
        _trace.Add($"credit {owner} {amount} {currency}");
    }

    /// <summary>A provider notification, sometimes twice, sometimes for a payout that has not changed: only a hint to check now.</summary>
    private async Task NotifyAsync()
    {
        if (_payouts.Count == 0)
        {
            return;
        }

        var id = _payouts[_random.Next(_payouts.Count)];
        var times = 1 + _random.Next(2);
        for (var i = 0; i < times; i++)
        {
            await SurvivingAsync("a notification", () => _app.Service<PayoutDispatcher>().RequestCheckAsync(id, CancellationToken.None));
        }

        _trace.Add($"notification for {id} x{times}");
    }
}
