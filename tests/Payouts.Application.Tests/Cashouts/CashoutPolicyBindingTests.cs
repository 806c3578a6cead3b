using Microsoft.Extensions.Configuration;
using Payouts.Application.Cashouts;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Cashouts;

/// <summary>Settings name providers as callers do ("paypal"); the policy holds them as providers.</summary>
public sealed class CashoutPolicyBindingTests
{
    [Fact]
    public void Limits_configured_under_a_providers_name_replace_its_defaults()
    {
        var policy = Bind(new() { ["Cashouts:Providers:paypal:Minimum"] = "500", ["Cashouts:Providers:paypal:Maximum"] = "600" });

        (policy.Providers[Provider.PayPal].Minimum, policy.Providers[Provider.PayPal].Maximum).Should().Be((500, 600));
        policy.Providers.Keys.Should().Equal(Provider.PayPal, Provider.Payoneer, Provider.Tipalti);
    }

    private static CashoutPolicy Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Cashouts").Get<CashoutPolicy>()!;
}
