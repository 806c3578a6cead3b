using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.PayPal;

/// <summary>
/// Simulates PayPal's HTTP API (shared/PROVIDERS.md section 1): OAuth2 tokens, Payouts v1, webhook verification and
/// "Log in with PayPal". Every operation runs under the fault armed for its name; see README.md.
/// </summary>
public sealed class PayPalSandbox
{
    private readonly FaultInjection _faults;
    private readonly PayPalSandboxAuth _auth;
    private readonly PayPalSandboxPayouts _payouts;
    private readonly PayPalSandboxWebhooks _webhooks;
    private readonly PayPalSandboxLogin _login;

    public PayPalSandbox(SandboxContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        var options = context.Settings.PayPal;
        _faults = new FaultInjection(context.Faults, new ProviderErrorBodies(PayPalSandboxReplies.ServerError, PayPalSandboxReplies.Unavailable, PayPalSandboxReplies.TooManyRequests));
        _auth = new PayPalSandboxAuth(context);
        _webhooks = new PayPalSandboxWebhooks(context, options);
        _payouts = new PayPalSandboxPayouts(context, _auth, _webhooks);
        _login = new PayPalSandboxLogin(options, _auth);
    }

    public SandboxContext Context { get; }

    /// <summary>client_credentials tokens issued so far.</summary>
    internal int AppTokensIssued => _auth.AppTokensIssued;

    /// <summary>Requests refused for an unknown or expired bearer token.</summary>
    internal int TokensRejected => _auth.TokensRejected;

    /// <summary>Batches created so far: one per payout, however often it was submitted.</summary>
    public int BatchCount => _payouts.BatchCount;

    /// <summary>Every webhook event the sandbox has sent, oldest first.</summary>
    public IReadOnlyList<PayPalSandboxWebhook> Webhooks => _webhooks.Emitted;

    /// <summary>Forgets every issued token (a credential rotation at PayPal).</summary>
    internal void RevokeTokens() => _auth.RevokeAll();

    /// <summary>The batch for our payout id (sender_batch_id), if PayPal has one.</summary>
    internal (string BatchId, string BatchStatus, string ItemStatus)? FindPayout(string senderBatchId) => _payouts.Find(senderBatchId);

    /// <summary>Moves a payout booked as <see cref="Scenario.Stall"/> on to <paramref name="ending"/>.</summary>
    internal bool Release(string senderBatchId, Scenario ending) => _payouts.Release(senderBatchId, ending);

    public void Map(RouteGroupBuilder routes)
    {
        routes.MapSandboxControl(Context);
        routes.MapPost("/v1/oauth2/token", Operation("token", _auth.TokenAsync));
        routes.MapPost("/v1/payments/payouts", Operation("submit", _payouts.CreateAsync));
        routes.MapGet("/v1/payments/payouts/{batchId}", Operation("status", http => _payouts.GetBatch(http.Request, RouteValue(http, "batchId"))));
        routes.MapGet("/v1/payments/payouts-item/{itemId}", Operation("item", http => _payouts.GetItem(http.Request, RouteValue(http, "itemId"))));
        routes.MapPost("/v1/notifications/verify-webhook-signature", Operation("verify", http => _webhooks.VerifyAsync(http, _auth)));
        routes.MapGet("/signin/authorize", Operation("authorize", http => _login.Authorize(http.Request)));
        routes.MapGet("/v1/identity/oauth2/userinfo", Operation("userinfo", http => _login.UserInfo(http.Request)));
    }

    // Typed as Delegate so minimal APIs write the IResult; a plain RequestDelegate would drop it.
    private Delegate Operation(string name, Func<HttpContext, Task<IResult>> process) =>
        (HttpContext http) => _faults.RunAsync(name, http, () => process(http));

    private Delegate Operation(string name, Func<HttpContext, IResult> process) =>
        Operation(name, http => Task.FromResult(process(http)));

    private static string RouteValue(HttpContext http, string name) => http.Request.RouteValues[name]?.ToString() ?? string.Empty;
}
