using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>
/// Simulates Payoneer's Mass Payouts v4 API (shared/PROVIDERS.md §2) under /payoneer: OAuth2 tokens, registration
/// links with a simulated sign-up page, payee status and release, mass payouts progressing over time, and IPCN
/// notifications signed with hmacauth. See README.md beside this file.
/// </summary>
public sealed partial class PayoneerSandbox
{
    private const long FirstId = 7_000_000;

    private readonly DurableTable<DateTimeOffset> _tokens;
    private readonly DurableTable<RegistrationLinkGrant> _links;
    private readonly DurableTable<SandboxPayee> _payees;
    private readonly DurableTable<SandboxPayout> _payouts;
    private int _tokensIssued;
    private long _nextId;

    public PayoneerSandbox(SandboxContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Context = context;
        _tokens = context.State.Table<DateTimeOffset>("token");
        _links = context.State.Table<RegistrationLinkGrant>("link");
        _payees = context.State.Table<SandboxPayee>("payee");
        _payouts = context.State.Table<SandboxPayout>("payout");
        _nextId = _payees.Values.Select(p => p.AccountId).Concat(_payouts.Values.Select(p => p.PayoutId))
            .Select(id => long.Parse(id, CultureInfo.InvariantCulture)).Append(FirstId).Max();
        context.Notifications.SignEachAttempt = SignIpcn;
        HandleSteps();
    }

    public SandboxContext Context { get; }

    private PayoneerSandboxOptions Options => Context.Settings.Payoneer;

    public void Map(RouteGroupBuilder routes)
    {
        routes.MapSandboxControl(Context);
        routes.MapPost("/oauth2/token", (Delegate)IssueTokenAsync);
        routes.MapPost("/programs/{programId}/payees/registration-link", CreateRegistrationLinkAsync);
        routes.MapGet("/register", RegisterAsync).WithName(RegisterRoute);
        routes.MapGet("/programs/{programId}/payees/{payeeId}/status", PayeeStatusAsync);
        routes.MapDelete("/programs/{programId}/payees/{payeeId}", ReleasePayeeAsync);
        routes.MapPost("/programs/{programId}/masspayouts", SubmitAsync);
        routes.MapGet("/programs/{programId}/payouts/{clientReferenceId}/status", PayoutStatusAsync);
        routes.MapPut("/programs/{programId}/payouts/{clientReferenceId}/cancel", CancelAsync);
    }

    /// <summary>How many access tokens were issued since the sandbox started: tests check the adapter caches its token.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Revokes every access token, as Payoneer may before they expire: the next API call gets 401.</summary>
    public void RevokeTokens() => Context.State.Change(() =>
    {
        foreach (var token in _tokens.Keys)
        {
            _tokens.Remove(token);
        }
    });

    public int PayoutCount => _payouts.Count;

    /// <summary>A payout's status string, or null if the sandbox never got it.</summary>
    public string? PayoutStatusOf(string clientReferenceId) =>
        Context.State.Read(() => _payouts.TryGet(clientReferenceId, out var payout) ? payout.Status : null);

    /// <summary>The amount exactly as the client wrote it in JSON, e.g. "12.50".</summary>
    public string? PayoutAmountOf(string clientReferenceId) => _payouts.TryGet(clientReferenceId, out var payout) ? payout.Amount : null;

    /// <summary>A payee as if it had registered and been approved long ago.</summary>
    public void AddPayee(string payeeId, int statusType = PayeeStatusType.Active) => Context.State.Change(() =>
    {
        var payee = PayeeFor(payeeId);
        payee.StatusType = statusType;
        payee.RegistrationDate = DateOnly.FromDateTime(Context.Clock.GetUtcNow().UtcDateTime);
        _payees.Put(payeeId, payee);
    });

    /// <summary>The payee's status type (0 Pending, 1 Active, 99 Inactive), or null before it registered.</summary>
    public int? PayeeStatusOf(string payeeId) => Context.State.Read(() => _payees.TryGet(payeeId, out var payee) ? payee.StatusType : null);

    private string NextId() => (++_nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>Inside a change: the payee of that id, added (unregistered) if the program does not know it yet.</summary>
    private SandboxPayee PayeeFor(string payeeId)
    {
        if (!_payees.TryGet(payeeId, out var payee))
        {
            payee = new SandboxPayee(payeeId, NextId());
            _payees.Put(payeeId, payee);
        }

        return payee;
    }

    private Task<IResult> RunAsync(string operation, HttpContext http, Func<Task<IResult>> process) =>
        new FaultInjection(Context.Faults, PayoneerSandboxErrors.Faults).RunAsync(operation, http, process);

    /// <summary>Runs <paramref name="process"/> for a caller with a valid token for our program, else answers as Payoneer would.</summary>
    private Task<IResult> RunAuthorizedAsync(string operation, HttpContext http, string programId, Func<Task<IResult>> process) =>
        RunAsync(operation, http, () =>
            !HasValidToken(http) ? Task.FromResult(PayoneerSandboxErrors.Unauthorized())
            : programId != Options.ProgramId ? Task.FromResult(PayoneerSandboxErrors.WrongProgram())
            : process());
}
