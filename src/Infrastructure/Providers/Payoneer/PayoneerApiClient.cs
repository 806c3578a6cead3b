using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// Payoneer's v4 API with a bearer token: the typed HttpClient behind the provider's resilience pipeline.
/// Transport exceptions propagate, because a submission must tell "never sent" from "maybe processed";
/// a token or configuration problem comes back as a failure, since then nothing reached the API.
/// </summary>
internal sealed class PayoneerApiClient(HttpClient http, PayoneerTokenCache tokens, IOptions<PayoneerOptions> options)
{
    public PayoneerOptions Options => options.Value;

    /// <summary>A relative path under programs/{program_id}/.</summary>
    public string ProgramPath(string rest) => $"programs/{Uri.EscapeDataString(Options.ProgramId ?? string.Empty)}/{rest}";

    public async Task<ProviderResult<PayoneerResponse>> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        if (MissingSetting() is { } missing)
        {
            return new ProviderFailure(false, "not_configured", $"Payoneer is not configured: Providers:Payoneer:{missing} is missing.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetAsync(http, cancellationToken);
            if (token.Failure is { } failure)
            {
                return failure;
            }

            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            using var response = await http.SendAsync(request, cancellationToken);

            // A token revoked or expired early: Payoneer did nothing with the request, so one more try with a fresh token is safe.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                tokens.Invalidate(token.Value!);
                continue;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new PayoneerResponse(response.StatusCode, body);
        }
    }

    private string? MissingSetting() =>
        string.IsNullOrWhiteSpace(Options.ProgramId) ? nameof(PayoneerOptions.ProgramId)
        : string.IsNullOrWhiteSpace(Options.ClientId) ? nameof(PayoneerOptions.ClientId)
        : string.IsNullOrWhiteSpace(Options.ClientSecret) ? nameof(PayoneerOptions.ClientSecret)
        : null;
}

/// <summary>A complete reply from Payoneer's API.</summary>
internal sealed record PayoneerResponse(HttpStatusCode Status, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public T Read<T>() => PayoneerJson.Read<T>(Body);

    public PayoneerError? Error() => PayoneerError.TryRead(Body);

    /// <summary>A non-success reply of a call that changes nothing at Payoneer, as a failure.</summary>
    public ProviderFailure Failure()
    {
        var transient = (int)Status >= 500 || Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
        var error = Error();
        var code = error?.Code ?? ((int)Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = error?.Summary() is { Length: > 0 } summary ? summary : $"Payoneer answered HTTP {(int)Status}.";
        return new ProviderFailure(transient, code, Status == HttpStatusCode.Unauthorized ? $"Payoneer refused our access token: {message}" : message);
    }
}
