using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Payouts.Application.Common.Providers;
using Payouts.Sandboxes;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Providers.Tests.Durable;

/// <summary>
/// GET /_sandbox/record and /{provider}/_sandbox/record: per reference (our payout id), what each provider received
/// and paid. A resubmit is one more submit and never a second payment.
/// </summary>
public sealed class SandboxRecordTests : IAsyncLifetime
{
    private static long _nextPayoutId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + 500;

    private readonly SandboxSettings _settings = new() { Port = 0, StepDelay = TimeSpan.FromMilliseconds(50), NotificationBaseUrl = new Uri("http://127.0.0.1:9/notifications/") };
    private SandboxServer _sandbox = null!;
    private ProviderAdapters _adapters = null!;

    public async Task InitializeAsync()
    {
        _settings.Payoneer.ApproveImmediately = true;
        _sandbox = await SandboxServer.StartAsync(_settings, NullLoggerFactory.Instance);
        _adapters = new ProviderAdapters(_sandbox.BaseUrl, _settings);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_payout_sent_twice_is_two_submits_and_one_payment(string provider)
    {
        var recipient = await _adapters.RecipientAsync(provider);
        var payout = await _adapters.SubmitAsync(provider, NextId(), 25_00, recipient);
        (await _adapters.Payouts(provider).SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Accepted>("the provider adopts it");
        await _adapters.WaitForAsync(provider, payout, ProviderPayoutState.Completed);

        var record = await SandboxRecordClient.OfAsync(_sandbox.BaseUrl, provider, payout.PayoutId)
            ?? throw new InvalidOperationException($"{provider} has no record of {payout.PayoutId}");

        record.Should().BeEquivalentTo(new
        {
            Provider = provider,
            Reference = payout.PayoutId.ToString(CultureInfo.InvariantCulture),
            Submits = 2,
            Payments = 1,
            Returns = 0,
            Amount = "25.00",
            Currency = provider == "tupay" ? "PEN" : "USD",
            Outcome = PayoutOutcome.Paid,
        });
        record.ProviderId.Should().NotBeNullOrEmpty();
        (await SandboxRecordClient.AllAsync(_sandbox.BaseUrl)).Should().ContainEquivalentOf(record, "the whole record lists every provider's");
    }

    [Fact]
    public async Task A_payout_the_provider_refused_is_recorded_as_received_and_never_paid()
    {
        var payout = new PayoutInstruction(NextId(), Domain.Amounts.Money.FromMinor(10_00, Domain.Amounts.Currency.From("USD").Value), new ProviderAccount("SBXPAYERQ7LM2"), null, "ERRPYO005");

        (await _adapters.Payouts("paypal").SubmitAsync(payout, CancellationToken.None)).Should().NotBeOfType<SubmitOutcome.Accepted>("ERRPYO005 is PayPal's insufficient funds");

        var record = await SandboxRecordClient.OfAsync(_sandbox.BaseUrl, "paypal", payout.PayoutId);
        record.Should().BeEquivalentTo(new { Submits = 1, Payments = 0, Outcome = PayoutOutcome.Refused, ProviderId = (string?)null });
    }

    [Fact]
    public async Task A_reference_the_provider_never_received_is_not_found()
    {
        (await SandboxRecordClient.OfAsync(_sandbox.BaseUrl, "tupay", NextId())).Should().BeNull();
    }

    public static TheoryData<string> Providers() => [.. ProviderAdapters.Names];

    public async Task DisposeAsync()
    {
        await _adapters.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private static long NextId() => Interlocked.Increment(ref _nextPayoutId);
}
