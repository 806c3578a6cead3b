using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Interop;

/// <summary>Debian's python3-grpcio (the C core) runs each interop case against our server.</summary>
public class GrpcioInteropTests(InteropHostFixture host) : IClassFixture<InteropHostFixture>
{
    [Theory]
    [MemberData(nameof(InteropCases.All), MemberType = typeof(InteropCases))]
    public async Task Case_passes(string testCase)
    {
        var result = await ExternalProcess.RunAsync(
            ExternalProcess.DebianPython,
            ["tests/Interop/clients/python/interop_client.py", "--server_host=127.0.0.1", $"--server_port={host.Port}", $"--test_case={testCase}"],
            TimeSpan.FromSeconds(60));

        result.ExitCode.Should().Be(0, result.ToString());
        result.StandardOutput.Should().Contain($"PASS {testCase}");
    }
}
