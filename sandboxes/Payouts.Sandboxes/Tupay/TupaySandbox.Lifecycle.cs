using System.Globalization;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Tupay;

/// <summary>How cashouts move through Tupay's statuses, and the notification each change sends.</summary>
public sealed partial class TupaySandbox
{
    /// <summary>Cancels a cashout still Pending (0 → 2), as the merchant may; false if it is no longer Pending.</summary>
    public bool Cancel(string externalId) => Intervene(externalId, TupayCodes.Pending, TupayCodes.Cancelled);

    /// <summary>Puts a Pending cashout on hold (0 → 5); its scenario stops until <see cref="Release"/>.</summary>
    public bool Hold(string externalId) => Intervene(externalId, TupayCodes.Pending, TupayCodes.OnHold);

    /// <summary>Moves a held cashout back to Pending (5 → 0) and lets its scenario run again from there.</summary>
    public bool Release(string externalId)
    {
        if (!Intervene(externalId, TupayCodes.OnHold, TupayCodes.Pending))
        {
            return false;
        }

        Start(_byExternalId[externalId]);
        return true;
    }

    /// <summary>
    /// Runs the booked <see cref="Scenario"/>: Complete 0 → 4 → 1; Reject 0 → 4 → 3 with
    /// <see cref="TupaySandboxOptions.RejectionCode"/>; Fail 0 → 3 with 808 ERROR_OTHER (Tupay has no
    /// separate failed status); ReturnAfterSuccess 0 → 4 → 1, then 3 with D24's 826 "withdrawal reversed"
    /// (Tupay documents no return status; 3 after 1 with that code is what the D24 lineage reports).
    /// </summary>
    private void Start(TupaySandboxCashout cashout)
    {
        int version;
        lock (cashout.Gate)
        {
            version = cashout.Version;
        }

        switch (Context.Scenarios.For(cashout.ExternalId, cashout.AmountMinor))
        {
            case Scenario.Complete:
                Step(cashout, version, 1, TupayCodes.Pending, TupayCodes.Delivered);
                Step(cashout, version, 2, TupayCodes.Delivered, TupayCodes.Completed);
                break;
            case Scenario.Reject:
                Step(cashout, version, 1, TupayCodes.Pending, TupayCodes.Delivered);
                Step(cashout, version, 2, TupayCodes.Delivered, TupayCodes.Rejected, Options.RejectionCode);
                break;
            case Scenario.Fail:
                Step(cashout, version, 1, TupayCodes.Pending, TupayCodes.Rejected, TupayCodes.ErrorOther);
                break;
            case Scenario.ReturnAfterSuccess:
                Step(cashout, version, 1, TupayCodes.Pending, TupayCodes.Delivered);
                Step(cashout, version, 2, TupayCodes.Delivered, TupayCodes.Completed);
                Step(cashout, version, 5, TupayCodes.Completed, TupayCodes.Rejected, TupayCodes.WithdrawalReversed);
                break;
            case Scenario.Stall:
                break;
        }
    }

    private void Step(TupaySandboxCashout cashout, int version, int steps, int from, int to, int? rejectionCode = null) =>
        Context.After(steps, () =>
        {
            lock (cashout.Gate)
            {
                if (cashout.Version != version || cashout.Status != from)
                {
                    return;
                }

                cashout.Status = to;
                cashout.RejectionCode = rejectionCode;
            }

            Notify(cashout);
        });

    private bool Intervene(string externalId, int from, int to)
    {
        if (!_byExternalId.TryGetValue(externalId, out var cashout))
        {
            return false;
        }

        lock (cashout.Gate)
        {
            if (cashout.Status != from)
            {
                return false;
            }

            cashout.Status = to;
            cashout.Version++;
        }

        Notify(cashout);
        return true;
    }

    /// <summary>PROVIDERS.md 4.7: a form post without the status; the receiver must ask for it.</summary>
    private void Notify(TupaySandboxCashout cashout)
    {
        var snapshot = cashout.Snapshot();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["date"] = Context.Clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["bank_reference_id"] = snapshot.Status == TupayCodes.Completed ? "BR" + snapshot.CashoutId.ToString(CultureInfo.InvariantCulture) : "",
            ["comments"] = cashout.Comments,
            ["external_id"] = cashout.ExternalId,
            ["control"] = ControlOf(cashout.ExternalId),
            ["cashout_id"] = snapshot.CashoutId.ToString(CultureInfo.InvariantCulture),
            ["status_reason"] = snapshot.RejectionCode is { } code ? TupayCodes.ReasonOf(code) : "",
        };
        Context.Notifications.Send(() => NotificationSender.FormPost(cashout.NotificationUrl, fields));
    }
}
