using Microsoft.Data.Sqlite;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>Seed 000's five errors, exactly, over gRPC on loopback; plus the success reply.</summary>
public sealed class ProcessCashoutErrorTests : IAsyncLifetime
{
    private CashoutHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CashoutHost.StartAsync("--Database:BusyTimeoutMilliseconds=200");
        await _host.FundAsync("alice", 10_000);
        await _host.LinkAsync("alice", "paypal");
    }

    [Fact]
    public async Task Success_replies_with_the_seeds_fields()
    {
        var result = await _host.CashoutAsync("alice", new ProcessCashoutRequest { Type = "paypal", Amount = 2_500, Provider = "paypal" });

        result.Status.Should().Be(0, result.Message);
        result.Response!.Message.Should().Be("Cashout processed successfully");
        result.Response.CashoutId.Should().BePositive();
        result.Response.Amount.Should().Be(2_500);
        result.Response.Type.Should().Be("paypal");
        result.Response.Status.Should().Be("pending");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    public async Task Without_a_valid_token_the_user_is_not_authenticated(string? token)
    {
        var result = await _host.Grpc.UnaryAsync<ProcessCashoutResponse>(CashoutHost.ProcessCashout,
            new ProcessCashoutRequest { Type = "paypal", Amount = 100 }, token);

        result.Status.Should().Be(16);
        result.Message.Should().Be("User not authenticated");
    }

    [Fact]
    public async Task A_gRPC_caller_reads_the_bad_field_by_its_proto_name()
    {
        var credit = await _host.Grpc.UnaryAsync<CreditBalanceResponse>(CashoutHost.CreditBalance,
            new CreditBalanceRequest { Amount = 100, Currency = "USD", Reference = "r-1" }, Payouts.Api.Tests.Infrastructure.TestTokens.For("svc-earnings", Payouts.Api.Services.CashoutGrpcService.BalancesWriteScope));

        credit.Status.Should().Be(3);
        credit.ViolatedFields.Should().Equal("user_id");
    }

    [Fact]
    public async Task Missing_parameters_are_invalid_with_field_details()
    {
        var result = await _host.CashoutAsync("alice", new ProcessCashoutRequest { Provider = "paypal" });

        result.Status.Should().Be(3);
        result.Message.Should().Be("Missing required parameters: type and amount");
        result.ViolatedFields.Should().Equal("type", "amount");
    }

    [Fact]
    public async Task Zero_amount_is_an_invalid_amount()
    {
        var result = await _host.CashoutAsync("alice", new ProcessCashoutRequest { Type = "paypal", Amount = 0 });

        result.Status.Should().Be(3);
        result.Message.Should().Be("Invalid amount");
        result.ViolatedFields.Should().Equal("amount");
    }

    [Fact]
    public async Task More_than_the_balance_is_insufficient()
    {
        var result = await _host.CashoutAsync("alice", new ProcessCashoutRequest { Type = "paypal", Amount = 10_001 });

        result.Status.Should().Be(9);
        result.Message.Should().Be("Insufficient balance");
    }

    [Fact]
    public async Task An_unlinked_provider_is_a_failed_precondition()
    {
        await _host.FundAsync("alice", 10_000, "more");

        var result = await _host.CashoutAsync("alice", new ProcessCashoutRequest { Type = "tipalti", Amount = 5_000 });

        result.Status.Should().Be(9);
        result.Message.Should().Contain("No linked tipalti cashout method");
    }

    [Fact]
    public async Task A_reservation_that_cannot_be_written_fails_to_deduct_and_a_retry_succeeds()
    {
        var request = new ProcessCashoutRequest { Type = "paypal", Amount = 1_000 };
        using (var blocker = new SqliteConnection($"Data Source={_host.DatabasePath};Pooling=False"))
        {
            blocker.Open();
            using var command = blocker.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE"; // holds the write lock past the writer's busy timeout
            command.ExecuteNonQuery();

            var blocked = await _host.CashoutAsync("alice", request, key: "retry-me");

            blocked.Status.Should().Be(10, "ABORTED: nothing was written and the client may retry");
            blocked.Message.Should().Be("Failed to deduct balance");
        }

        var retry = await _host.CashoutAsync("alice", request, key: "retry-me");

        retry.Status.Should().Be(0, "a transient failure is not replayed for the key");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
