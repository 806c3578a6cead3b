using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>
/// Simulates Payoneer's Mass Payouts v4 API (shared/PROVIDERS.md §2) under /payoneer: OAuth2 tokens, registration
/// links with a simulated sign-up page, payee status and release, mass payouts progressing over time, and IPCN
/// notifications signed with hmacauth. See README.md beside this file.
/// </summary>
public sealed partial class PayoneerSandbox(SandboxContext context)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RegistrationLinkGrant> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxPayee> _payees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxPayout> _payouts = new(StringComparer.Ordinal);
    private int _tokensIssued;
    private long _nextId = 7_000_000;

    public SandboxContext Context { get; } = context;

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

    /// <summary>How many access tokens were issued: tests check the adapter caches its token.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Revokes every access token, as Payoneer may before they expire: the next API call gets 401.</summary>
    public void RevokeTokens() => _tokens.Clear();

    public int PayoutCount
    {
        get
        {
            lock (_gate)
            {
                return _payouts.Count;
            }
        }
    }

    /// <summary>A payout's status string, or null if the sandbox never got it.</summary>
    public string? PayoutStatusOf(string clientReferenceId)
    {
        lock (_gate)
        {
            return _payouts.TryGetValue(clientReferenceId, out var payout) ? payout.Status : null;
        }
    }

    /// <summary>The amount exactly as the client wrote it in JSON, e.g. "12.50".</summary>
    public string? PayoutAmountOf(string clientReferenceId)
    {
        lock (_gate)
        {
            return _payouts.TryGetValue(clientReferenceId, out var payout) ? payout.Amount : null;
        }
    }

    /// <summary>A payee as if it had registered and been approved long ago.</summary>
    public void AddPayee(string payeeId, int statusType = PayeeStatusType.Active)
    {
        lock (_gate)
        {
            var payee = PayeeFor(payeeId);
            payee.StatusType = statusType;
            payee.RegistrationDate = DateOnly.FromDateTime(Context.Clock.GetUtcNow().UtcDateTime);
        }
    }

    /// <summary>The payee's status type (0 Pending, 1 Active, 99 Inactive), or null before it registered.</summary>
    public int? PayeeStatusOf(string payeeId)
    {
        lock (_gate)
        {
            return _payees.TryGetValue(payeeId, out var payee) ? payee.StatusType : null;
        }
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Caller holds <see cref="_gate"/>.</summary>
    private SandboxPayee PayeeFor(string payeeId)
    {
        if (!_payees.TryGetValue(payeeId, out var payee))
        {
            payee = new SandboxPayee(payeeId, NextId());
            _payees[payeeId] = payee;
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
