using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// Linking is Payoneer's registration link: the user signs up (or in) on Payoneer's page under the payee id
/// we chose, Payoneer sends them back to redirect_url, and the payee's status says whether we may pay them.
/// </summary>
internal sealed class PayoneerLinkProvider(PayoneerApiClient api) : IRedirectLinkProvider, IUnlinkProvider
{
    /// <summary>Payoneer's payee status types (PROVIDERS.md §2.4).</summary>
    private const int Active = 1;
    private const int Inactive = 99;

    public Provider Provider => Provider.Payoneer;

    public async Task<ProviderResult<Uri>> StartLinkAsync(string accountId, Uri callbackUrl, string state, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ArgumentNullException.ThrowIfNull(callbackUrl);

        // Payoneer returns the payee to redirect_url as given, so our state travels inside it.
        var redirect = new Uri(QueryHelpers.AddQueryString(callbackUrl.AbsoluteUri, "state", state));
        var body = new RegistrationLinkRequest(accountId, redirect, api.Options.AlreadyHaveAnAccount);
        return await CallAsync<Uri>(
            () => ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Post, api.ProgramPath("payees/registration-link"))
            {
                // Asking again only yields another link for the same payee id, so a retry is harmless.
                Content = JsonContent.Create(body, options: PayoneerJson.Options),
            }),
            LinkUrlOf,
            cancellationToken);
    }

    public Task<ProviderResult<LinkedAccount>> CompleteLinkAsync(string accountId, IReadOnlyDictionary<string, string> callbackQuery, Uri callbackUrl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);

        // The redirect itself proves nothing: only the payee's status at Payoneer does.
        return CallAsync<LinkedAccount>(
            () => ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Get, PayeePath(accountId) + "/status")),
            response => LinkOf(accountId, response),
            cancellationToken);
    }

    public Task<ProviderResult<bool>> UnlinkAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);

        // Releasing twice finds nothing the second time and answers false, which is what a repeat should say.
        return CallAsync<bool>(
            () => ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Delete, PayeePath(accountId))),
            ReleasedOf,
            cancellationToken);
    }

    private static ProviderResult<Uri> LinkUrlOf(PayoneerResponse response)
    {
        if (!response.IsSuccess)
        {
            return response.Failure();
        }

        return response.Read<PayoneerResult<RegistrationLinkReply>>().Result?.RegistrationLink is { IsAbsoluteUri: true } link
            ? link
            : throw new JsonException("The registration-link reply has no absolute registration_link.");
    }

    private static ProviderResult<LinkedAccount> LinkOf(string accountId, PayoneerResponse response)
    {
        if (IsPayoneerNotFound(response))
        {
            return new ProviderFailure(false, "declined", "Payoneer has no payee under this id: the registration was not completed.");
        }

        if (!response.IsSuccess)
        {
            return response.Failure();
        }

        var status = response.Read<PayoneerResult<PayeeStatusReply>>().Result?.Status ?? throw new JsonException("The payee status reply has no status.");
        return status.Type switch
        {
            Active => new LinkedAccount(accountId, Ready: true),
            Inactive => new ProviderFailure(false, "declined", $"Payoneer declined the payee ({status.Description ?? "Inactive"})."),

            // Pending (0) is KYC review; any type we do not know is not "approved" either, so the link waits.
            _ => new LinkedAccount(accountId, Ready: false),
        };
    }

    private static ProviderResult<bool> ReleasedOf(PayoneerResponse response) =>
        response.IsSuccess ? true : IsPayoneerNotFound(response) ? false : response.Failure();

    private static bool IsPayoneerNotFound(PayoneerResponse response) =>
        response.Status == HttpStatusCode.NotFound && response.Error() is not null;

    private string PayeePath(string accountId) => api.ProgramPath($"payees/{Uri.EscapeDataString(accountId)}");

    private async Task<ProviderResult<T>> CallAsync<T>(Func<HttpRequestMessage> build, Func<PayoneerResponse, ProviderResult<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await api.SendAsync(build, cancellationToken);
            return reply.Failure is { } failure ? failure : read(reply.Value!);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }
}
