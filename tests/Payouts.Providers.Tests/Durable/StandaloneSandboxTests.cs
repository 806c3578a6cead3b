using Payouts.Application.Common.Providers;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Providers.Tests.Durable;

/// <summary>
/// The sandboxes as a process of their own (sandboxes/Payouts.Sandboxes.Host), fed by the service's adapters over real
/// HTTP, killed with SIGKILL while payouts are in flight and started again on the same state file: what they took
/// before the crash is still known, keeps moving, is paid at most once and is announced, as by a provider that
/// outlives its clients' and its own restarts.
/// </summary>
public sealed class StandaloneSandboxTests : IAsyncLifetime
{
    private const string ApproveAtOnce = "Payoneer:ApproveImmediately=true";
    private static long _nextPayoutId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "payouts-sandboxes-" + Guid.NewGuid().ToString("N"));
    private readonly NotificationInbox _inbox = new();

    private string StateFile => Path.Combine(_folder, "sandboxes.db");

    public Task InitializeAsync() => _inbox.StartAsync();

    [Fact]
    public async Task What_the_sandboxes_took_before_a_kill_9_is_known_paid_once_and_announced_after_their_restart()
    {
        var port = FreePort.Next();

        // Three seconds a step: nothing the adapters submit can end (two steps at least) before the kill.
        string[] settings = [$"StatePath={StateFile}", "StepDelay=00:00:03", $"NotificationBaseUrl={_inbox.BaseUrl}", ApproveAtOnce];
        await using var sandbox = await SandboxProcess.StartAsync(port, settings);
        await using var adapters = new ProviderAdapters(sandbox.BaseUrl, new SandboxSettings { NotificationBaseUrl = _inbox.BaseUrl });
        var recipients = new Dictionary<string, PayoutRecipient>();
        foreach (var provider in ProviderAdapters.Names)
        {
            recipients[provider] = await adapters.RecipientAsync(provider);
        }

        var payouts = new List<(string Provider, PayoutInstruction Payout, ProviderPayoutState Ending)>();
        foreach (var (provider, recipient) in recipients)
        {
            payouts.Add((provider, await adapters.SubmitAsync(provider, NextId(), 100_00, recipient), ProviderPayoutState.Completed));
            payouts.Add((provider, await adapters.SubmitAsync(provider, NextId(), 100_77, recipient), ProviderPayoutState.Returned));
            payouts.Add((provider, await adapters.SubmitAsync(provider, NextId(), 100_13, recipient), ProviderPayoutState.Rejected));
        }

        var before = await SandboxRecordClient.AllAsync(sandbox.BaseUrl);
        before.Should().HaveCount(payouts.Count).And.OnlyContain(r => r.Outcome == PayoutOutcome.Pending, "every payout is in flight at the kill");

        await sandbox.KillAsync();
        var announcedBefore = _inbox.Received.Count;
        await using var restarted = await SandboxProcess.StartAsync(port, settings);

        // The service resends what it is unsure of: the restarted provider still knows each one and adopts it.
        var paid = payouts.Where(p => p.Ending == ProviderPayoutState.Completed).ToList();
        foreach (var (provider, payout, _) in paid)
        {
            (await adapters.Payouts(provider).SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Accepted>();
        }

        foreach (var (provider, payout, ending) in payouts)
        {
            await adapters.WaitForAsync(provider, payout, ending);
        }

        var after = await SandboxRecordClient.AllAsync(restarted.BaseUrl);
        after.Should().HaveCount(payouts.Count);
        foreach (var (provider, payout, ending) in payouts)
        {
            var record = after.Single(r => r.Provider == provider && r.Reference == payout.PayoutId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            record.Submits.Should().Be(ending == ProviderPayoutState.Completed ? 2 : 1, $"{provider} counts the resend after the restart");
            record.Payments.Should().Be(ending == ProviderPayoutState.Rejected ? 0 : 1, $"{provider} pays {payout.PayoutId} once at most");
            record.Outcome.Should().Be(ending switch
            {
                ProviderPayoutState.Completed => PayoutOutcome.Paid,
                ProviderPayoutState.Returned => PayoutOutcome.Returned,
                _ => PayoutOutcome.Failed,
            });
            record.Amount.Should().NotBeNullOrEmpty();
        }

        // Every provider announced the endings it reached after the restart, and every notification, sent before the kill
        // or after it, is one the service accepts (PayPal and Tipalti verify by asking the restarted sandbox).
        await EventuallyAsync(() => ProviderAdapters.Names.All(p => _inbox.Received.Skip(announcedBefore).Any(n => IsFrom(n, p))), "notifications after the restart");
        foreach (var notification in _inbox.Received)
        {
            var provider = ProviderAdapters.Names.Single(p => IsFrom(notification, p));
            var verified = await adapters.Verifier(provider).VerifyAsync(notification, CancellationToken.None);
            verified.IsSuccess.Should().BeTrue($"{provider}'s notifications verify: {verified.Failure?.Message}");
        }
    }

    public async Task DisposeAsync()
    {
        await _inbox.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static long NextId() => Interlocked.Increment(ref _nextPayoutId);

    private static bool IsFrom(ProviderNotification notification, string provider) =>
        notification.Url.AbsolutePath.StartsWith("/notifications/" + provider, StringComparison.Ordinal);

    private static async Task EventuallyAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(50);
        }
    }
}
