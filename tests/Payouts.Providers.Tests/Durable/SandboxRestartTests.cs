using Microsoft.Extensions.Logging.Abstractions;
using Payouts.Application.Common.Providers;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Providers.Tests.Durable;

/// <summary>
/// A sandbox server stopped and started again in this process on the same state file (as `dotnet run` restarts the
/// service with its sandboxes inside, or SIGTERM stops the standalone process): payouts, manual steps and the
/// notifications still owed carry on. The file refuses a second server while the first holds it.
/// </summary>
public sealed class SandboxRestartTests : IAsyncLifetime
{
    private static long _nextPayoutId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + 800;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "payouts-sandboxes-" + Guid.NewGuid().ToString("N"));
    private readonly NotificationInbox _inbox = new();
    private readonly SandboxSettings _settings = new() { ManualSteps = true };

    public Task InitializeAsync()
    {
        _settings.StatePath = Path.Combine(_folder, "sandboxes.db");
        _settings.Port = FreePort.Next();
        _settings.Payoneer.ApproveImmediately = true;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task After_a_restart_every_provider_still_knows_its_payouts_and_moves_them_on_from_the_step_they_were_at()
    {
        await _inbox.StartAsync();
        _settings.NotificationBaseUrl = _inbox.BaseUrl;
        var sandbox = await SandboxServer.StartAsync(_settings, NullLoggerFactory.Instance);
        await using var adapters = new ProviderAdapters(sandbox.BaseUrl, _settings);
        var payouts = new List<(string Provider, PayoutInstruction Payout)>();
        foreach (var provider in ProviderAdapters.Names)
        {
            payouts.Add((provider, await adapters.SubmitAsync(provider, NextId(), 50_00, await adapters.RecipientAsync(provider))));
        }

        RunStep(sandbox);
        await sandbox.DisposeAsync();
        await using var restarted = await SandboxServer.StartAsync(_settings, NullLoggerFactory.Instance);

        (await SandboxRecordClient.AllAsync(restarted.BaseUrl)).Should().HaveCount(4).And.OnlyContain(r => r.Outcome == PayoutOutcome.Pending);
        RunStep(restarted);
        foreach (var (provider, payout) in payouts)
        {
            await adapters.WaitForAsync(provider, payout, ProviderPayoutState.Completed);
        }

        (await SandboxRecordClient.AllAsync(restarted.BaseUrl)).Should().OnlyContain(r => r.Outcome == PayoutOutcome.Paid && r.Payments == 1 && r.Submits == 1);
    }

    [Fact]
    public async Task A_notification_the_service_did_not_take_before_the_stop_goes_out_after_the_start()
    {
        // Nobody listens at the notification URL yet: the provider keeps what it owes.
        var inboxPort = FreePort.Next();
        _settings.NotificationBaseUrl = new Uri($"http://127.0.0.1:{inboxPort}/notifications/");
        var sandbox = await SandboxServer.StartAsync(_settings, NullLoggerFactory.Instance);
        await using var adapters = new ProviderAdapters(sandbox.BaseUrl, _settings);
        var payout = await adapters.SubmitAsync("tupay", NextId(), 50_00, await adapters.RecipientAsync("tupay"));
        RunStep(sandbox);
        await sandbox.DisposeAsync();

        await _inbox.StartAsync(inboxPort);
        await using var restarted = await SandboxServer.StartAsync(_settings, NullLoggerFactory.Instance);

        var received = await _inbox.WaitForAsync(n => NotificationInbox.BodyOf(n).Contains($"external_id={payout.PayoutId}", StringComparison.Ordinal));
        (await adapters.Verifier("tupay").VerifyAsync(received[0], CancellationToken.None)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task A_second_server_on_a_state_file_in_use_is_refused_and_the_file_is_free_again_once_the_first_stops()
    {
        var first = await SandboxServer.StartAsync(_settings, NullLoggerFactory.Instance);
        var other = new SandboxSettings { Port = 0, StatePath = _settings.StatePath };

        var second = () => SandboxServer.StartAsync(other, NullLoggerFactory.Instance);

        (await second.Should().ThrowAsync<InvalidOperationException>()).WithMessage($"Sandboxes:StatePath {_settings.StatePath} is in use by another sandbox process*");
        await first.DisposeAsync();
        await using var third = await SandboxServer.StartAsync(other, NullLoggerFactory.Instance);
        third.StateFile.Should().Be(_settings.StatePath);
    }

    public async Task DisposeAsync()
    {
        await _inbox.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void RunStep(SandboxServer sandbox)
    {
        foreach (var context in new[] { sandbox.PayPal.Context, sandbox.Payoneer.Context, sandbox.Tipalti.Context, sandbox.Tupay.Context })
        {
            context.RunSteps(1);
        }
    }

    private static long NextId() => Interlocked.Increment(ref _nextPayoutId);
}
