using System.Net;
using Payouts.Infrastructure.Webhooks;

namespace Payouts.Application.Tests.Webhooks;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Our_own_networks_are_never_a_webhook_destination(string address) =>
        PublicAddressConnector.IsPublic(IPAddress.Parse(address)).Should().BeFalse();

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946")]
    public void Public_addresses_are(string address) =>
        PublicAddressConnector.IsPublic(IPAddress.Parse(address)).Should().BeTrue();

    [Fact]
    public async Task A_webhook_to_loopback_is_refused_when_private_networks_are_not_allowed()
    {
        await using var bed = await WebhookTestBed.StartAsync(new() { ["Webhooks:AllowPrivateNetworks"] = "false" });
        var id = await bed.QueueAsync(payoutId: 301, sequence: 1);

        await bed.PumpAsync();

        bed.Receiver.Received.Should().BeEmpty();
        bed.Attempts(id).Should().ContainSingle().Which.Error.Should().NotBeNullOrEmpty();
    }
}
