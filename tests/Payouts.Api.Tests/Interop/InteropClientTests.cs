using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Interop;

/// <summary>
/// Real clients from other ecosystems run each standard interop case against our server:
/// @grpc/grpc-js (pure JavaScript) and Debian's python3-grpcio (the C core).
/// </summary>
public class InteropClientTests(InteropHostFixture host) : IClassFixture<InteropHostFixture>
{
    private static readonly string[] Cases =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary",
        "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "status_code_and_message", "special_status_message", "custom_metadata",
        "unimplemented_method", "unimplemented_service", "timeout_on_sleeping_server",
        "cancel_after_begin", "cancel_after_first_response",
    ];

    private static readonly Dictionary<string, (string Program, string Script)> Clients = new()
    {
        ["grpc-js"] = ("node", "tests/Interop/clients/node/interop_client.js"),
        ["grpcio"] = (ExternalProcess.DebianPython, "tests/Interop/clients/python/interop_client.py"),
    };

    public static TheoryData<string, string> ClientCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var client in Clients.Keys)
        {
            foreach (var testCase in Cases)
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
        var (program, script) = Clients[client];

        var result = await ExternalProcess.RunAsync(
            program,
            [script, "--server_host=127.0.0.1", $"--server_port={host.Port}", $"--test_case={testCase}"],
            TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain($"PASS {testCase}");
    }
}
