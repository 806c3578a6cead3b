using Payouts.Application.Common.Providers;
using Payouts.Domain.Common;

namespace Payouts.Application.CashoutMethods;

internal static class ProviderErrors
{
    public static Error From(string provider, ProviderFailure failure) => failure.Transient
        ? Error.Unavailable("provider.unavailable", $"The {provider} service is not available right now. Try again later.")
        : Error.Precondition("provider.refused", $"{provider} refused the request: {failure.Message}");

    public static Error Unsupported(string provider) =>
        Error.Unavailable("provider.not_configured", $"The {provider} integration is not configured on this server.");
}
