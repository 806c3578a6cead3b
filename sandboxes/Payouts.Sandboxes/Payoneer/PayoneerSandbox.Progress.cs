using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>How each payout ends, one step at a time; a step only applies if nothing (a cancel) moved the payout first.</summary>
public sealed partial class PayoneerSandbox
{
    private void Progress(SandboxPayout payout)
    {
        var minor = long.Parse(payout.Amount.Replace(".", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        switch (Context.Scenarios.For(payout.ClientReferenceId, minor))
        {
            case Scenario.Complete:
                Context.After(2, () => Transfer(payout));
                break;
            case Scenario.Reject:
                Context.After(2, () => Cancel(payout, "PAYEE_BANK_REJECTED", "The payee's bank rejected the payment"));
                break;
            case Scenario.Fail:
                Context.After(2, () => Cancel(payout, "PROCESSING_FAILED", "failed"));
                break;
            case Scenario.ReturnAfterSuccess:
                Context.After(2, () => Transfer(payout));
                Context.After(4, () => Return(payout));
                break;
            case Scenario.Stall:
                break;
        }
    }

    private void Transfer(SandboxPayout payout)
    {
        if (!Move(payout, PayoutStatus.Pending, PayoutStatus.Transferred, null, null))
        {
            return;
        }

        SendIpcn("payment-transferred", [
            new("Payee Id", payout.PayeeId), new("Amount", payout.Amount), new("IntPaymentId", payout.ClientReferenceId),
            new("Currency", payout.Currency), new("Transaction Date", Context.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private void Cancel(SandboxPayout payout, string reasonCode, string reasonDescription)
    {
        if (Move(payout, PayoutStatus.Pending, PayoutStatus.Cancelled, reasonCode, reasonDescription))
        {
            SendCancelled(payout, reasonCode, reasonDescription);
        }
    }

    private void Return(SandboxPayout payout)
    {
        if (!Move(payout, PayoutStatus.Transferred, Options.ReturnedStatus, "PAYMENT_RETURNED", "The payee's bank returned the payment"))
        {
            return;
        }

        SendIpcn("payment-returned", [
            new("Payee Id", payout.PayeeId), new("IntPaymentId", payout.ClientReferenceId), new("Amount", payout.Amount), new("Currency", payout.Currency),
            new("Reason Code", payout.ReasonCode!), new("Reason Description", payout.ReasonDescription!)]);
    }

    private void SendCancelled(SandboxPayout payout, string reasonCode, string reasonDescription) =>
        SendIpcn("payment-cancelled", [
            new("Payee Id", payout.PayeeId), new("IntPaymentId", payout.ClientReferenceId), new("Reason Code", reasonCode),
            new("Reason Description", reasonDescription), new("Payment Amount", payout.Amount),
            new("Canceled Payment Date", Uri.EscapeDataString(Context.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)))]);

    private bool Move(SandboxPayout payout, string from, string to, string? reasonCode, string? reasonDescription)
    {
        lock (_gate)
        {
            if (payout.Status != from)
            {
                return false;
            }

            payout.Status = to;
            payout.ReasonCode = reasonCode;
            payout.ReasonDescription = reasonDescription;
            return true;
        }
    }
}
