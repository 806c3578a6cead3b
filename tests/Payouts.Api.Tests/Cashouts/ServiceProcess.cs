using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// The built service as a separate OS process, so a test can kill it without warning (SIGKILL: no
/// shutdown hooks, no flush) and start it again on the same database file.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ServiceProcess> StartAsync(string databasePath)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServiceDll())!,
        };
        start.ArgumentList.Add(ServiceDll());
        foreach (var argument in (string[])[
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}",
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{FreePort()}",
            $"--Database:Path={databasePath}",
            "--Logging:LogLevel:Default=Warning",
            $"--Links:StateKey={TestTokens.LinkStateKey}",
            "--Dispatch:Enabled=false",
            .. TestTokens.ConfigurationArguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, port);
        await service.WaitUntilServingAsync();
        return service;
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"The service did not start listening on {Port}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The service as the solution build left it, in the configuration these tests were built in.</summary>
    private static string ServiceDll() =>
        Path.Combine(RepositoryRoot.Path, "src", "Api", "bin", BuildConfiguration, "net10.0", "Payouts.Api.dll");

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif
}
