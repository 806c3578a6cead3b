using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using static Payouts.Application.Tests.Infrastructure.Commands;

namespace Payouts.Application.Tests.Cashouts;

/// <summary>Seed 000's request rules and exact messages; none of them touches the balance.</summary>
public sealed class ProcessCashoutValidationTests : IAsyncLifetime
{
    private readonly UseCaseHarness _app = new();

    public async Task InitializeAsync()
    {
        await _app.FundAndLinkAsync("alice", 10_000_000);
    }

    [Theory]
    [InlineData("", 1_000L, "type")]
    [InlineData("paypal", null, "amount")]
    [InlineData("", null, "type,amount")]
    public async Task Missing_type_or_amount_names_what_is_missing(string type, long? amount, string fields)
    {
        var result = await _app.SendAsync(Cashout("alice", amount, type));

        result.Error.Message.Should().Be("Missing required parameters: type and amount");
        result.Error.Kind.Should().Be(ErrorKind.Validation);
        string.Join(",", result.Error.Violations.Select(v => v.Field)).Should().Be(fields);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-100L)]
    [InlineData(99L)]          // below PayPal's default minimum of 100
    [InlineData(1_000_001L)]   // above PayPal's default maximum
    public async Task Amount_outside_the_providers_limits_is_invalid(long amount)
    {
        var result = await _app.SendAsync(Cashout("alice", amount));

        result.Error.Message.Should().Be("Invalid amount");
        result.Error.Violations.Should().ContainSingle().Which.Field.Should().Be("amount");
        (await _app.AskAsync(new GetBalanceQuery("alice", "USD"))).Value.Reserved.Should().Be(0);
    }

    [Theory]
    [InlineData(100L)]
    [InlineData(1_000_000L)]
    public async Task Amounts_at_the_limits_are_accepted(long amount)
    {
        var result = await _app.SendAsync(Cashout("alice", amount));

        result.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task A_provider_other_than_the_type_is_refused()
    {
        var result = await _app.SendAsync(Cashout("alice", 1_000, type: "paypal", provider: "payoneer"));

        result.Error.Message.Should().Be("Invalid provider");
        result.Error.Violations.Single().Field.Should().Be("provider");
    }

    [Fact]
    public async Task An_unknown_type_is_refused()
    {
        var result = await _app.SendAsync(Cashout("alice", 1_000, type: "venmo"));

        result.Error.Code.Should().Be("cashout.invalid_type");
    }

    [Fact]
    public async Task Provider_may_repeat_the_type()
    {
        var result = await _app.SendAsync(Cashout("alice", 1_000, type: "paypal", provider: "paypal"));

        result.IsSuccess.Should().BeTrue();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
