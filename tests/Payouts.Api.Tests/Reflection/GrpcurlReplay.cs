using System.Text.Json;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Reflection;

/// <summary>Runs tests/Interop/clients/python/grpcurl_replay.py (grpcio) and parses its JSON report.</summary>
public static class GrpcurlReplay
{
    /// <param name="extra">More arguments, e.g. --metadata=authorization=Bearer ... or --describe=payouts.</param>
    public static async Task<JsonElement> RunAsync(int port, string api, string? invoke, string requestJson = "{}", params string[] extra)
    {
        string[] arguments =
        [
            "tests/Interop/clients/python/grpcurl_replay.py", $"--server_port={port}", $"--api={api}",
            .. invoke is null ? Array.Empty<string>() : [$"--invoke={invoke}", $"--request_json={requestJson}"],
            .. extra,
        ];
        var result = await ExternalProcess.RunAsync(ExternalProcess.DebianPython, arguments, TimeSpan.FromSeconds(60));
        result.ExitCode.Should().Be(0, result.ToString());
        return JsonDocument.Parse(result.StandardOutput).RootElement;
    }

    public static IReadOnlyList<string> Strings(this JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();
}
