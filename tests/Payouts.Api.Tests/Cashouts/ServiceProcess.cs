using System.Diagnostics;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Cashouts;

/// <summary>
/// The built service as a separate OS process, so a test can kill it without warning (SIGKILL: no
/// shutdown hooks, no flush) and start it again on the same database file.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    // Kestrel's line once every endpoint is bound: the service's own, where a connection could reach another
    // process that took the port picked (another test's service, whose HTTP/1 endpoint then refuses gRPC).
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        var listening = $"Now listening on: http://127.0.0.1:{port}";
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains(listening, StringComparison.Ordinal) == true)
            {
                _listening.TrySetResult();
            }
        };
    }

    public int Port { get; }

    private bool _serving;

    /// <summary>
    /// Starts the service on two free ports. A port is only free when it is picked, and another socket can take it
    /// before the service binds it; the service then exits at start-up, and it is started again on other ports.
    /// </summary>
    /// <param name="settings">Extra arguments after the defaults here, which they override (e.g. "--Dispatch:Enabled=true").</param>
    public static async Task<ServiceProcess> StartAsync(string databasePath, params string[] settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            var service = Start(databasePath, settings);
            if (await service.WaitUntilServingAsync() || attempt == 3)
            {
                return service.ThrowUnlessServing();
            }

            service.Dispose();
        }
    }

    private static ServiceProcess Start(string databasePath, string[] settings)
    {
        var port = FreePorts.Next();
        var start = StartInfo(databasePath, port);
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        var process = Process.Start(start)!;
        var service = new ServiceProcess(process, port);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Starts the service and waits for it to exit, e.g. when it must refuse to start.</summary>
    /// <param name="settings">Extra arguments after the defaults here, which they override.</param>
    public static async Task<ProcessResult> RunUntilExitAsync(string databasePath, TimeSpan timeout, params string[] settings)
    {
        var start = StartInfo(databasePath, FreePorts.Next());
        // ExternalProcess runs in the repository root: the content root (appsettings.json) is the service's folder.
        List<string> arguments = [.. start.ArgumentList, $"--contentRoot={start.WorkingDirectory}", .. settings];
        return await ExternalProcess.RunAsync(start.FileName, arguments, timeout, start.Environment.Where(e => e.Key == "ASPNETCORE_ENVIRONMENT").ToDictionary(e => e.Key, e => e.Value!));
    }

    private static ProcessStartInfo StartInfo(string databasePath, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServiceDll())!,
        };
        start.ArgumentList.Add(ServiceDll());
        foreach (var argument in (string[])[
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{port}",
            $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{FreePorts.Next()}",
            $"--Database:Path={databasePath}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            $"--Links:StateKey={TestTokens.LinkStateKey}",
            "--Dispatch:Enabled=false",
            .. TestTokens.ConfigurationArguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    private ServiceProcess ThrowUnlessServing() =>
        _serving ? this : throw new InvalidOperationException($"The service did not start listening on {Port}.");

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

    /// <returns>False when the process exited (or never listened) instead.</returns>
    private async Task<bool> WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (_listening.Task.IsCompleted)
            {
                _serving = true;
                return true;
            }

            await Task.Delay(100);
        }

        return false;
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
