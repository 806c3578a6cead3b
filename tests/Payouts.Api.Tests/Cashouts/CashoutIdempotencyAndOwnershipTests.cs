using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Cashouts;

public sealed class CashoutIdempotencyAndOwnershipTests : IAsyncLifetime
{
    private CashoutHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CashoutHost.StartAsync();
        await _host.FundAsync("alice", 10_000);
        await _host.LinkAsync("alice", "paypal");
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_cashout()
    {
        var request = new ProcessCashoutRequest { Type = "paypal", Amount = 1_000 };

        var first = await _host.CashoutAsync("alice", request, key: "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1");
        var again = await _host.CashoutAsync("alice", request, key: "3e3f3796-4c3a-41e2-a90a-2c0f3e20b0a1");

        again.Response!.CashoutId.Should().Be(first.Response!.CashoutId);
        (await BalanceOf("alice")).Should().Be((9_000, 1_000));
    }

    [Fact]
    public async Task The_same_key_with_another_amount_names_the_field()
    {
        await _host.CashoutAsync("alice", new ProcessCashoutRequest { Type = "paypal", Amount = 1_000 }, key: "k");

        var other = await _host.CashoutAsync("alice", new ProcessCashoutRequest { Type = "paypal", Amount = 2_000 }, key: "k");

        other.Status.Should().Be(3);
        other.ViolatedFields.Should().Equal("amount");
    }

    [Fact]
    public async Task A_user_sees_only_their_own_balance()
    {
        (await BalanceOf("alice")).Should().Be((10_000, 0));
        (await BalanceOf("mallory")).Should().Be((0, 0));
    }

    [Fact]
    public async Task Crediting_needs_the_balances_write_scope()
    {
        var result = await _host.Grpc.UnaryAsync<CreditBalanceResponse>(CashoutHost.CreditBalance,
            new CreditBalanceRequest { UserId = "alice", Amount = 1, Currency = "USD", Reference = "self-credit" }, TestTokens.For("alice"));

        result.Status.Should().Be(7);
        (await BalanceOf("alice")).Should().Be((10_000, 0));
    }

    [Fact]
    public async Task Cashouts_are_read_back_by_their_owner_only()
    {
        var created = await _host.CashoutAsync("alice", new ProcessCashoutRequest { Type = "paypal", Amount = 700 });

        var own = await _host.Grpc.UnaryAsync<GetCashoutResponse>(CashoutHost.GetCashout,
            new GetCashoutRequest { CashoutId = created.Response!.CashoutId }, TestTokens.For("alice"));
        var others = await _host.Grpc.UnaryAsync<GetCashoutResponse>(CashoutHost.GetCashout,
            new GetCashoutRequest { CashoutId = created.Response.CashoutId }, TestTokens.For("mallory"));
        var list = await _host.Grpc.UnaryAsync<ListCashoutsResponse>(CashoutHost.ListCashouts, new ListCashoutsRequest(), TestTokens.For("alice"));

        own.Response!.Cashout.Should().BeEquivalentTo(new { Amount = 700L, Status = "pending", Type = "paypal", Provider = "paypal", Currency = "USD" });
        others.Status.Should().Be(5);
        list.Response!.Cashouts.Select(c => c.Id).Should().Equal(created.Response.CashoutId);
    }

    [Fact]
    public async Task Reusing_a_credit_reference_for_another_amount_already_exists()
    {
        var earnings = TestTokens.For("svc-earnings", Payouts.Api.Services.CashoutGrpcService.BalancesWriteScope);

        var other = await _host.Grpc.UnaryAsync<CreditBalanceResponse>(CashoutHost.CreditBalance,
            new CreditBalanceRequest { UserId = "alice", Amount = 1, Currency = "USD", Reference = "earning-1" }, earnings);

        other.Status.Should().Be(6, "ALREADY_EXISTS: the reference was credited 10,000 at set-up");
        (await BalanceOf("alice")).Should().Be((10_000, 0));
    }

    private async Task<(long Available, long Reserved)> BalanceOf(string user)
    {
        var result = await _host.Grpc.UnaryAsync<GetBalanceResponse>(CashoutHost.GetBalance, new GetBalanceRequest(), TestTokens.For(user));
        result.Status.Should().Be(0, result.Message);
        return (result.Response!.Available, result.Response.Reserved);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
