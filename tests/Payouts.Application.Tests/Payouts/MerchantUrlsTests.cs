using Payouts.Application.Payouts;

namespace Payouts.Application.Tests.Payouts;

/// <summary>Seed 001's "Must be HTTPS", and the one exception Development makes for a receiver on the developer's machine.</summary>
public sealed class MerchantUrlsTests
{
    private static readonly PayoutPolicy Production = new();
    private static readonly PayoutPolicy Development = new() { AllowHttpLoopbackUrls = true };

    [Theory]
    [InlineData("https://merchant.example/hooks", true, true)]
    [InlineData("http://localhost:9000/hooks", false, true)]
    [InlineData("http://127.0.0.1:9000/hooks", false, true)]
    [InlineData("http://[::1]:9000/hooks", false, true)]
    [InlineData("http://merchant.example/hooks", false, false)]
    [InlineData("http://10.0.0.7/hooks", false, false)]
    [InlineData("ftp://localhost/hooks", false, false)]
    [InlineData("/hooks", false, false)]
    public void Only_https_is_accepted_unless_development_allows_plain_http_to_this_machine(string url, bool inProduction, bool inDevelopment)
    {
        MerchantUrls.TryParse(url, Production, out _).Should().Be(inProduction);
        MerchantUrls.TryParse(url, Development, out _).Should().Be(inDevelopment);
    }

    [Fact]
    public void A_url_over_two_kilobytes_is_refused_even_in_development()
    {
        MerchantUrls.TryParse("http://localhost/" + new string('h', 2048), Development, out _).Should().BeFalse();
    }
}
