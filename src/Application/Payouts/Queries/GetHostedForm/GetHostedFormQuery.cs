using Payouts.Application.Common.Messaging;
using Payouts.Application.Payouts.HostedForm;

namespace Payouts.Application.Payouts.Queries.GetHostedForm;

/// <summary>What the hosted form page shows for a form token, or why the link no longer works.</summary>
public sealed record GetHostedFormQuery(string Token) : IQuery<HostedFormView>;

/// <summary>
/// Only what the recipient needs to recognise the payout: no merchant, metadata, customer or URLs, and never
/// anything about another payout.
/// </summary>
/// <param name="Amount">The exact decimal string, e.g. "10.00".</param>
/// <param name="RedirectOrigin">
/// The scheme, host and port of the merchant's redirectUrl, where the submission will send the browser: the page's
/// Content-Security-Policy must allow it in form-action, as browsers check a form's redirects too. Not a secret: the
/// recipient goes there next.
/// </param>
public sealed record HostedFormView(
    string PayoutId, string Amount, string Currency, string? Description, IReadOnlyList<RecipientMethod> Methods, Uri? RedirectOrigin);
