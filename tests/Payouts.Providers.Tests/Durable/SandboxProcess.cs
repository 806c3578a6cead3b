using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Payouts.Providers.Tests.Durable;

/// <summary>
/// The standalone sandboxes (sandboxes/Payouts.Sandboxes.Host) as a real process on a free port, started on a state
/// file, and killed as a crash kills: SIGKILL, nothing flushed, nothing shut down.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private static readonly string HostDll = typeof(SandboxProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SandboxHost").Value!;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SandboxProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUrl { get; }

    /// <summary>What the process printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="settings">Sandboxes settings as Key=value, e.g. "StatePath=/tmp/x.db".</param>
    public static async Task<SandboxProcess> StartAsync(int port, params string[] settings)
    {
        File.Exists(HostDll).Should().BeTrue($"the sandbox host is built at {HostDll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,

            // Its content root, as under dotnet run: its appsettings.json applies, then the arguments.
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
        };
        start.ArgumentList.Add(HostDll);
        start.ArgumentList.Add($"--Sandboxes:Port={port}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add("--Sandboxes:" + setting);
        }

        var process = new SandboxProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        await process.WaitUntilServingAsync();
        return process;
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var record = await http.GetAsync(new Uri(BaseUrl, "_sandbox/record"));
                if (record.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The sandbox process did not come up at {BaseUrl}:\n{Output}");
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
