using Payouts.Api.Services;
using Payouts.Application.Common.Persistence;
using Payouts.Contracts.V1;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>The real service on loopback, with helpers to fund and link users the way other services will.</summary>
public sealed class CashoutHost : IAsyncDisposable
{
    public const string ProcessCashout = "/payouts.v1.CashoutService/ProcessCashout";
    public const string GetBalance = "/payouts.v1.CashoutService/GetBalance";
    public const string CreditBalance = "/payouts.v1.CashoutService/CreditBalance";
    public const string GetCashout = "/payouts.v1.CashoutService/GetCashout";
    public const string ListCashouts = "/payouts.v1.CashoutService/ListCashouts";
    private static readonly string EarningsService = TestTokens.For("svc-earnings", CashoutGrpcService.BalancesWriteScope);

    private readonly RunningHost _host;

    private CashoutHost(RunningHost host, string databasePath)
    {
        _host = host;
        DatabasePath = databasePath;
        Grpc = new GrpcCall(host.Port);
    }

    public GrpcCall Grpc { get; }

    public string DatabasePath { get; }

    public static async Task<CashoutHost> StartAsync(params string[] configuration)
    {
        var path = TestDatabase.NewPath();
        var host = await TestHosts.StartPayoutsAsync([$"--Database:Path={path}", .. configuration]);
        return new CashoutHost(host, path);
    }

    /// <summary>On a database file of the test's choosing, e.g. to prepare users for a service process started on it later.</summary>
    public static async Task<CashoutHost> StartOnAsync(string databasePath) =>
        new(await TestHosts.StartPayoutsAsync($"--Database:Path={databasePath}"), databasePath);

    public async Task FundAsync(string user, long amount, string reference = "earning-1")
    {
        var credit = await Grpc.UnaryAsync<CreditBalanceResponse>(CreditBalance,
            new CreditBalanceRequest { UserId = user, Amount = amount, Currency = "USD", Reference = reference }, EarningsService);
        credit.Status.Should().Be(0, credit.Message);
    }

    /// <summary>Links through the repository, as issue 3 asks until LinkService exists.</summary>
    public async Task LinkAsync(string user, string provider)
    {
        await using var scope = _host.App.Services.CreateAsyncScope();
        var linked = await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().ExecuteAsync(session =>
        {
            session.CashoutMethods.Save(new CashoutMethodLink(user, ProviderNames.Parse(provider), LinkStatus.Linked, "test", DateTimeOffset.UtcNow));
            return Result<bool>.Success(true);
        }, CancellationToken.None);
        linked.IsSuccess.Should().BeTrue();
    }

    public Task<UnaryResult<ProcessCashoutResponse>> CashoutAsync(string? user, ProcessCashoutRequest request, string? key = null) =>
        Grpc.UnaryAsync<ProcessCashoutResponse>(ProcessCashout, request, user is null ? null : TestTokens.For(user), key);

    /// <summary>All of the user's cashouts, page after page, as the user lists them.</summary>
    public static async Task<List<Cashout>> ListAllAsync(GrpcCall grpc, string user)
    {
        var cashouts = new List<Cashout>();
        var token = "";
        do
        {
            var page = await grpc.UnaryAsync<ListCashoutsResponse>(
                CashoutHost.ListCashouts, new ListCashoutsRequest { PageSize = 100, PageToken = token }, TestTokens.For(user));
            page.Status.Should().Be(0, page.Message);
            cashouts.AddRange(page.Response!.Cashouts);
            token = page.Response.NextPageToken;
        }
        while (token.Length > 0);

        return cashouts;
    }

    public async ValueTask DisposeAsync()
    {
        Grpc.Dispose();
        await _host.DisposeAsync();
    }
}
