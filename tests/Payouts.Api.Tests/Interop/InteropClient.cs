using System.Reflection;
using Payouts.Api.Services;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Interop;

/// <summary>Runs one case of tests/Interop/clients (grpc-js or Debian's grpcio) as a user of its own.</summary>
public static class InteropClient
{
    public static readonly IReadOnlyDictionary<string, (string Program, string Script)> All = new Dictionary<string, (string, string)>
    {
        ["grpc-js"] = ("node", "tests/Interop/clients/node/interop_client.js"),
        ["grpcio"] = (ExternalProcess.DebianPython, "tests/Interop/clients/python/interop_client.py"),
    };

    /// <summary>The google/rpc .proto files of the Google.Api.CommonProtos package the service is built with.</summary>
    public static string CommonProtos { get; } = typeof(InteropClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GoogleCommonProtos").Value!;

    public static Task<ProcessResult> RunAsync(string client, int port, string testCase, string user)
    {
        var (program, script) = All[client];
        var environment = new Dictionary<string, string>
        {
            ["PAYOUTS_USER_TOKEN"] = TestTokens.For(user),
            ["PAYOUTS_OTHER_USER_TOKEN"] = TestTokens.For(user + "-other"),
            ["PAYOUTS_CREDIT_TOKEN"] = TestTokens.For("svc-earnings", CashoutGrpcService.BalancesWriteScope),
            ["GOOGLE_COMMON_PROTOS"] = CommonProtos,
        };
        return ExternalProcess.RunAsync(
            program, [script, "--server_host=127.0.0.1", $"--server_port={port}", $"--test_case={testCase}"], TimeSpan.FromSeconds(60), environment);
    }
}
