using Payouts.Api.Tests.Cashouts;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Interop;

/// <summary>
/// Real clients from other ecosystems run each case against the real service: @grpc/grpc-js (pure JavaScript) and
/// Debian's python3-grpcio (the C core). Each (client, case) is a user of its own, and what its money looks like
/// afterwards is read back through .NET, so a client that passed without moving anything would not pass here.
/// </summary>
public class InteropClientTests(InteropServiceFixture service) : IClassFixture<InteropServiceFixture>
{
    /// <summary>Each case's user afterwards: available and reserved balance, and the amounts of its cashouts.</summary>
    private static readonly Dictionary<string, (long Available, long Reserved, long[] Cashouts)> Outcomes = new()
    {
        ["cashout_round_trip"] = (50000 - 12345, 12345, [12345]),
        ["idempotent_cashout_replay"] = (50000 - 2500 - 2500, 5000, [2500, 2500]),
        ["unauthenticated"] = (0, 0, []),
        ["invalid_argument_details"] = (0, 0, []),
        ["permission_denied"] = (0, 0, []),
        ["client_compressed_request"] = (4000, 0, []),
        ["server_compressed_response"] = (0, 0, []),
        ["deadline_exceeded"] = (50000 - 3100, 3100, [3100]),
        ["cancel_then_retry"] = (50000 - 3200, 3200, [3200]),
        ["unimplemented_method"] = (0, 0, []),
        ["unimplemented_service"] = (0, 0, []),
        ["health_check"] = (0, 0, []),
    };

    public static TheoryData<string, string> ClientCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var client in InteropClient.All.Keys)
        {
            foreach (var testCase in Outcomes.Keys)
            {
                data.Add(client, testCase);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ClientCases))]
    public async Task Case_passes(string client, string testCase)
    {
        var user = $"interop-{client}-{testCase}";

        var result = await InteropClient.RunAsync(client, service.Host.GrpcPort, testCase, user);

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain($"PASS {testCase}");
        var (available, reserved, cashouts) = Outcomes[testCase];
        var balance = await service.Host.BalanceAsync(user);
        (balance.Available, balance.Reserved).Should().Be((available, reserved), "the ledger must show exactly what the client did");
        var list = await service.Host.Grpc.UnaryAsync<ListCashoutsResponse>(
            CashoutHost.ListCashouts, new ListCashoutsRequest { PageSize = 100 }, TestTokens.For(user));
        list.Response!.Cashouts.Select(c => c.Amount).Should().BeEquivalentTo(cashouts);
    }
}
