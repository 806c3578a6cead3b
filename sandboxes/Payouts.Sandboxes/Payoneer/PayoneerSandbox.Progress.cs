using System.Globalization;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>How each payout ends, one step at a time; a step only applies if nothing (a cancel) moved the payout first.</summary>
public sealed partial class PayoneerSandbox
{
    private void HandleSteps()
    {
        Context.Steps.Handle("review", Review);
        Context.Steps.Handle("transfer", id => Transfer(id));
        Context.Steps.Handle("reject", id => Cancel(id, "PAYEE_BANK_REJECTED", "The payee's bank rejected the payment"));
        Context.Steps.Handle("fail", id => Cancel(id, "PROCESSING_FAILED", "failed"));
        Context.Steps.Handle("return", Return);
    }

    /// <summary>Inside a change: schedules the payout's scenario.</summary>
    private void Progress(SandboxPayout payout)
    {
        var id = payout.ClientReferenceId;
        var minor = long.Parse(payout.Amount.Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        switch (Context.Scenarios.For(id, minor))
        {
            case Scenario.Complete:
                Context.Steps.After(2, "transfer", id);
                break;
            case Scenario.Reject:
                Context.Steps.After(2, "reject", id);
                break;
            case Scenario.Fail:
                Context.Steps.After(2, "fail", id);
                break;
            case Scenario.ReturnAfterSuccess:
                Context.Steps.After(2, "transfer", id);
                Context.Steps.After(4, "return", id);
                break;
            case Scenario.Stall:
                break;
        }
    }

    private void Transfer(string clientReferenceId)
    {
        if (!_payouts.TryGet(clientReferenceId, out var payout) || payout.Status != PayoutStatus.Pending)
        {
            return;
        }

        Move(payout, PayoutStatus.Transferred, null, null, PayoutOutcome.Paid);
        SendIpcn("payment-transferred", [
            new("Payee Id", payout.PayeeId), new("Amount", payout.Amount), new("IntPaymentId", payout.ClientReferenceId),
            new("Currency", payout.Currency), new("Transaction Date", Context.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))]);
    }

    private void Cancel(string clientReferenceId, string reasonCode, string reasonDescription)
    {
        if (_payouts.TryGet(clientReferenceId, out var payout) && payout.Status == PayoutStatus.Pending)
        {
            Move(payout, PayoutStatus.Cancelled, reasonCode, reasonDescription, PayoutOutcome.Failed);
            SendCancelled(payout, reasonCode, reasonDescription);
        }
    }

    private void Return(string clientReferenceId)
    {
        if (!_payouts.TryGet(clientReferenceId, out var payout) || payout.Status != PayoutStatus.Transferred)
        {
            return;
        }

        Move(payout, Options.ReturnedStatus, "PAYMENT_RETURNED", "The payee's bank returned the payment", PayoutOutcome.Returned);
        SendIpcn("payment-returned", [
            new("Payee Id", payout.PayeeId), new("IntPaymentId", payout.ClientReferenceId), new("Amount", payout.Amount), new("Currency", payout.Currency),
            new("Reason Code", payout.ReasonCode!), new("Reason Description", payout.ReasonDescription!)]);
    }

    private void SendCancelled(SandboxPayout payout, string reasonCode, string reasonDescription) =>
        SendIpcn("payment-cancelled", [
            new("Payee Id", payout.PayeeId), new("IntPaymentId", payout.ClientReferenceId), new("Reason Code", reasonCode),
            new("Reason Description", reasonDescription), new("Payment Amount", payout.Amount),
            new("Canceled Payment Date", Uri.EscapeDataString(Context.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)))]);

    /// <summary>Inside a change: the payout's new status, stored and recorded.</summary>
    private void Move(SandboxPayout payout, string to, string? reasonCode, string? reasonDescription, PayoutOutcome outcome)
    {
        payout.Status = to;
        payout.ReasonCode = reasonCode;
        payout.ReasonDescription = reasonDescription;
        _payouts.Put(payout.ClientReferenceId, payout);
        Context.Record.Moved(payout.ClientReferenceId, to, outcome);
    }
}
