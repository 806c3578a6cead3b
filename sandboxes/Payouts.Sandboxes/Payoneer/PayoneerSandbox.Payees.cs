using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>
/// Payee onboarding (PROVIDERS.md §2.3, §2.4): a registration link on this sandbox stands in for Payoneer's hosted
/// sign-up page; following it "registers" the payee, who is then reviewed and approved (or, for a payee id
/// containing "decline", declined), with the matching IPCN.
/// </summary>
public sealed partial class PayoneerSandbox
{
    private const string RegisterRoute = "payoneer-register";

    private Task<IResult> CreateRegistrationLinkAsync(HttpContext http, string programId) => RunAuthorizedAsync("registration-link", http, programId, async () =>
    {
        JsonElement body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<JsonElement>(http.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return PayoneerSandboxErrors.BadRequest("The request body is not valid JSON");
        }

        var payeeId = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("payee_id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        if (string.IsNullOrWhiteSpace(payeeId))
        {
            return PayoneerSandboxErrors.BadRequest("Invalid request", [new FieldError(400, "payee_id", "payee_id is required")]);
        }

        Uri? redirect = null;
        if (body.TryGetProperty("redirect_url", out var url) && url.ValueKind == JsonValueKind.String
            && !Uri.TryCreate(url.GetString(), UriKind.Absolute, out redirect))
        {
            return PayoneerSandboxErrors.BadRequest("Invalid request", [new FieldError(400, "redirect_url", "redirect_url must be an absolute URL")]);
        }

        var session = body.TryGetProperty("client_session_id", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Context.State.Change(() =>
        {
            PayeeFor(payeeId);
            _links.Put(token, new RegistrationLinkGrant(payeeId, redirect, session));
        });
        var link = http.RequestServices.GetRequiredService<LinkGenerator>().GetUriByName(http, RegisterRoute, new { token });
        return PayoneerSandboxErrors.Ok(new { Result = new { RegistrationLink = link, Token = token } });
    });

    /// <summary>The payee "completes" Payoneer's page, then goes back to redirect_url exactly as given.</summary>
    private Task<IResult> RegisterAsync(HttpContext http, string? token) => RunAsync("register", http, () =>
    {
        if (token is null || !_links.TryGet(token, out var grant))
        {
            return Task.FromResult(Results.Text("This registration link is not valid.", "text/plain", statusCode: StatusCodes.Status404NotFound));
        }

        Context.State.Change(() =>
        {
            // A payee who was already registered just signed in: nothing to review.
            var payee = PayeeFor(grant.PayeeId);
            if (payee.StatusType is not null)
            {
                return;
            }

            payee.StatusType = PayeeStatusType.Pending;
            payee.RegistrationDate = DateOnly.FromDateTime(Context.Clock.GetUtcNow().UtcDateTime);
            payee.SessionId = grant.SessionId;
            _payees.Put(payee.PayeeId, payee);
            if (Options.ApproveImmediately)
            {
                Review(payee.PayeeId);
            }
            else
            {
                Context.Steps.After(1, "review", payee.PayeeId);
            }
        });

        return Task.FromResult(grant.RedirectUrl is { } redirect
            ? Results.Redirect(redirect.AbsoluteUri)
            : Results.Text("Registration complete.", "text/plain"));
    });

    /// <summary>Inside a change: a payee id containing "decline" is declined, any other approved.</summary>
    private void Review(string payeeId)
    {
        if (!_payees.TryGet(payeeId, out var payee) || payee.StatusType != PayeeStatusType.Pending)
        {
            return;
        }

        var approved = !payeeId.Contains("decline", StringComparison.OrdinalIgnoreCase);
        payee.StatusType = approved ? PayeeStatusType.Active : PayeeStatusType.Inactive;
        _payees.Put(payeeId, payee);
        if (approved)
        {
            SendIpcn("payee-approved", [new("Payee Id", payee.PayeeId), new("Payoneer Id", payee.AccountId), new("Session Id", payee.SessionId ?? string.Empty)]);
        }
        else
        {
            SendIpcn("payee-declined", [
                new("Payee Id", payee.PayeeId), new("Payoneer Id", payee.AccountId), new("Session Id", payee.SessionId ?? string.Empty),
                new("Reason Description", "General account application decline (various reasons)")]);
        }
    }

    private Task<IResult> PayeeStatusAsync(HttpContext http, string programId, string payeeId) => RunAuthorizedAsync("payee-status", http, programId, () =>
        Context.State.Read(() =>
        {
            if (!_payees.TryGet(payeeId, out var payee) || payee.StatusType is not { } type)
            {
                return Task.FromResult(PayoneerSandboxErrors.NotFound("Payee was not found"));
            }

            var reasons = type == PayeeStatusType.Inactive
                ? new[] { new { ReasonDescription = "General account application decline (various reasons)" } }
                : [];
            return Task.FromResult(PayoneerSandboxErrors.Ok(new
            {
                Result = new
                {
                    payee.AccountId,
                    Status = new { Type = type, Description = PayeeStatusType.Describe(type), Reasons = new { Items = reasons } },
                    RegistrationDate = payee.RegistrationDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    PayoutMethod = new { Type = "BANK" },
                },
            }));
        }));

    /// <summary>Release: the payee leaves the program; its payouts stay.</summary>
    private Task<IResult> ReleasePayeeAsync(HttpContext http, string programId, string payeeId) => RunAuthorizedAsync("release", http, programId, () =>
        Task.FromResult(Context.State.Change(() =>
        {
            if (!_payees.TryGet(payeeId, out var payee) || payee.StatusType is null)
            {
                return PayoneerSandboxErrors.NotFound("Payee was not found");
            }

            _payees.Remove(payeeId);
            return PayoneerSandboxErrors.Ok(new { PayeeId = payeeId });
        })));
}
