using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Payouts.Application.Common.Providers;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Common;
using static Payouts.Providers.Tests.Tupay.TupayHarness;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>Real notifications from the sandbox, posted to the notification_url the adapter sent, then verified.</summary>
public sealed class TupayNotificationTests : IAsyncLifetime
{
    private readonly NotificationInbox _inbox = new();
    private TupayHarness _harness = null!;

    public async Task InitializeAsync()
    {
        await _inbox.StartAsync();
        _harness = await StartAsync(f => f.Settings["Providers:Tupay:NotificationUrl"] = new Uri(_inbox.BaseUrl, "tupay").ToString());
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _inbox.DisposeAsync();
    }

    private Task<ProviderResult<VerifiedNotification>> VerifyAsync(ProviderNotification notification) =>
        _harness.Verifier.VerifyAsync(notification, CancellationToken.None);

    private async Task<ProviderNotification> FirstNotificationAsync(long payoutId)
    {
        await _harness.Provider.SubmitAsync(Payout(payoutId), CancellationToken.None);
        return (await _inbox.WaitForAsync(_ => true, 1))[0];
    }

    private static ProviderNotification WithForm(ProviderNotification notification, string field, string value)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(notification.Body.Span)).ToDictionary(f => f.Key, f => f.Value.ToString());
        form[field] = value;
        var body = string.Join('&', form.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        return notification with { Body = Encoding.UTF8.GetBytes(body) };
    }

    [Fact]
    public async Task Every_status_change_is_notified_and_each_notification_names_the_payout()
    {
        var payout = Payout(6001);
        await _harness.Provider.SubmitAsync(payout, CancellationToken.None);

        var notifications = await _inbox.WaitForAsync(_ => true, 2);

        foreach (var notification in notifications)
        {
            notification.Headers["content-type"].Should().StartWith("application/x-www-form-urlencoded");
            (await VerifyAsync(notification)).Value!.PayoutIds.Should().Equal(6001);
        }

        (await _harness.WaitForAsync(payout, ProviderPayoutState.Completed)).Should().NotBeNull();
    }

    [Fact]
    public async Task The_control_is_uppercase_hex_hmac_of_be4_external_id_bo7()
    {
        var notification = await FirstNotificationAsync(6002);

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(notification.Body.Span));
        var expected = Convert.ToHexString(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(_harness.Fixture.SandboxSettings.Tupay.ApiSignature), "Be46002Bo7"u8));
        form["control"].ToString().Should().Be(expected);
        form.Keys.Should().BeEquivalentTo("date", "bank_reference_id", "comments", "external_id", "control", "cashout_id", "status_reason");
    }

    [Fact]
    public async Task A_control_made_with_another_key_is_refused()
    {
        var genuine = await FirstNotificationAsync(6003);
        var forged = Convert.ToHexString(HMACSHA256.HashData("guessed-key"u8, "Be46003Bo7"u8));

        var result = await VerifyAsync(WithForm(genuine, "control", forged));

        result.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_signature" });
    }

    [Fact]
    public async Task A_genuine_control_with_another_external_id_is_refused()
    {
        var genuine = await FirstNotificationAsync(6004);

        var result = await VerifyAsync(WithForm(genuine, "external_id", "6005"));

        result.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_signature" });
    }

    [Fact]
    public async Task A_notification_without_control_is_refused()
    {
        var genuine = await FirstNotificationAsync(6006);

        var result = await VerifyAsync(WithForm(genuine, "control", ""));

        result.Failure!.Code.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task Duplicated_notifications_all_verify_and_change_nothing_by_themselves()
    {
        _harness.Sandbox.Context.Notifications.Faults.Duplicate = true;
        var payout = Payout(6007);
        await _harness.Provider.SubmitAsync(payout, CancellationToken.None);

        var notifications = await _inbox.WaitForAsync(_ => true, 4);

        foreach (var notification in notifications)
        {
            (await VerifyAsync(notification)).Value!.PayoutIds.Should().Equal(6007);
        }

        await _harness.WaitForAsync(payout, ProviderPayoutState.Completed);
        _harness.Sandbox.Count.Should().Be(1);
    }
}
