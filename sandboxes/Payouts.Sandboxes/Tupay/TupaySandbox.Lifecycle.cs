using System.Globalization;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Tupay;

/// <summary>How cashouts move through Tupay's statuses, and the notification each change sends.</summary>
public sealed partial class TupaySandbox
{
    /// <summary>Cancels a cashout still Pending (0 → 2), as the merchant may; false if it is no longer Pending.</summary>
    public bool Cancel(string externalId) => Context.State.Change(() => Intervene(externalId, TupayCodes.Pending, TupayCodes.Cancelled));

    /// <summary>Puts a Pending cashout on hold (0 → 5); its scenario stops until <see cref="Release"/>.</summary>
    public bool Hold(string externalId) => Context.State.Change(() => Intervene(externalId, TupayCodes.Pending, TupayCodes.OnHold));

    /// <summary>Moves a held cashout back to Pending (5 → 0) and lets its scenario run again from there.</summary>
    public bool Release(string externalId) => Context.State.Change(() =>
    {
        if (!Intervene(externalId, TupayCodes.OnHold, TupayCodes.Pending))
        {
            return false;
        }

        Start(_cashouts.TryGet(externalId, out var cashout) ? cashout : throw new InvalidOperationException("Released a cashout that is gone."));
        return true;
    });

    private void HandleSteps()
    {
        Context.Steps.Handle("deliver", id => Step(id, TupayCodes.Pending, TupayCodes.Delivered));
        Context.Steps.Handle("complete", id => Step(id, TupayCodes.Delivered, TupayCodes.Completed));
        Context.Steps.Handle("reject", id => Step(id, TupayCodes.Delivered, TupayCodes.Rejected, Options.RejectionCode));
        Context.Steps.Handle("fail", id => Step(id, TupayCodes.Pending, TupayCodes.Rejected, TupayCodes.ErrorOther));
        Context.Steps.Handle("reverse", id => Step(id, TupayCodes.Completed, TupayCodes.Rejected, TupayCodes.WithdrawalReversed));
    }

    /// <summary>
    /// Schedules the booked <see cref="Scenario"/>: Complete 0 → 4 → 1; Reject 0 → 4 → 3 with
    /// <see cref="TupaySandboxOptions.RejectionCode"/>; Fail 0 → 3 with 808 ERROR_OTHER (Tupay has no
    /// separate failed status); ReturnAfterSuccess 0 → 4 → 1, then 3 with D24's 826 "withdrawal reversed"
    /// (Tupay documents no return status; 3 after 1 with that code is what the D24 lineage reports).
    /// </summary>
    private void Start(TupaySandboxCashout cashout)
    {
        var id = cashout.ExternalId;
        switch (Context.Scenarios.For(id, cashout.AmountMinor))
        {
            case Scenario.Complete:
                Context.Steps.After(1, "deliver", id);
                Context.Steps.After(2, "complete", id);
                break;
            case Scenario.Reject:
                Context.Steps.After(1, "deliver", id);
                Context.Steps.After(2, "reject", id);
                break;
            case Scenario.Fail:
                Context.Steps.After(1, "fail", id);
                break;
            case Scenario.ReturnAfterSuccess:
                Context.Steps.After(1, "deliver", id);
                Context.Steps.After(2, "complete", id);
                Context.Steps.After(5, "reverse", id);
                break;
            case Scenario.Stall:
                break;
        }
    }

    private void Step(string externalId, int from, int to, int? rejectionCode = null)
    {
        if (_cashouts.TryGet(externalId, out var cashout) && cashout.Status == from)
        {
            Move(cashout, to, rejectionCode);
        }
    }

    /// <summary>A change from outside the scenario (cancel, hold, release) drops the steps the scenario still had planned.</summary>
    private bool Intervene(string externalId, int from, int to)
    {
        if (!_cashouts.TryGet(externalId, out var cashout) || cashout.Status != from)
        {
            return false;
        }

        Context.Steps.Cancel(externalId);
        Move(cashout, to, rejectionCode: null);
        return true;
    }

    private void Move(TupaySandboxCashout cashout, int to, int? rejectionCode)
    {
        var returned = cashout.Status == TupayCodes.Completed;
        cashout.Status = to;
        cashout.RejectionCode = rejectionCode;
        _cashouts.Put(cashout.ExternalId, cashout);
        Context.Record.Moved(cashout.ExternalId, Describe(cashout), to switch
        {
            TupayCodes.Completed => PayoutOutcome.Paid,
            TupayCodes.Rejected => returned ? PayoutOutcome.Returned : PayoutOutcome.Failed,
            TupayCodes.Cancelled => PayoutOutcome.Cancelled,
            _ => PayoutOutcome.Pending,
        });
        Notify(cashout);
    }

    /// <summary>The status as the record shows it: "Completed", or "Rejected: ERROR_..." with the rejection's reason.</summary>
    private static string Describe(TupaySandboxCashout cashout) =>
        TupayCodes.StatusDescriptions[cashout.Status] + (cashout.RejectionCode is { } code ? ": " + TupayCodes.ReasonOf(code) : "");

    /// <summary>PROVIDERS.md 4.7: a form post without the status; the receiver must ask for it.</summary>
    private void Notify(TupaySandboxCashout cashout)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["date"] = Context.Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["bank_reference_id"] = cashout.Status == TupayCodes.Completed ? "BR" + cashout.CashoutId.ToString(CultureInfo.InvariantCulture) : "",
            ["comments"] = cashout.Comments,
            ["external_id"] = cashout.ExternalId,
            ["control"] = ControlOf(cashout.ExternalId),
            ["cashout_id"] = cashout.CashoutId.ToString(CultureInfo.InvariantCulture),
            ["status_reason"] = cashout.RejectionCode is { } code ? TupayCodes.ReasonOf(code) : "",
        };
        Context.Notifications.Send(cashout.NotificationUrl, "application/x-www-form-urlencoded", NotificationSender.FormBody(fields));
    }
}
