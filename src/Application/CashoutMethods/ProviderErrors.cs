using Payouts.Application.Common.Providers;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods;

internal static class ProviderErrors
{
    public static Error From(Provider provider, ProviderFailure failure) => failure.Transient
        ? Error.Unavailable("provider.unavailable", $"The {ProviderNames.Of(provider)} service is not available right now. Try again later.")
        : Error.Precondition("provider.refused", $"{ProviderNames.Of(provider)} refused the request: {failure.Message}");

    public static Error Unsupported(Provider provider) =>
        Error.Unavailable("provider.not_configured", $"The {ProviderNames.Of(provider)} integration is not configured on this server.");
}
