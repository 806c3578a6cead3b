using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Payouts.Contracts.V1;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// N HTTP/2 connections to the service: N channels, each over its own SocketsHttpHandler with
/// multiple HTTP/2 connections off, so each channel is exactly one TCP connection and "--connections N"
/// means N connections whatever the load. Calls are spread over them by worker slot. With several ports (replicas),
/// connection i goes to port i mod the number of ports, so the load is spread evenly over the replicas.
/// </summary>
internal sealed class CashoutChannels : IDisposable
{
    private readonly GrpcChannel[] _channels;
    private readonly CashoutService.CashoutServiceClient[] _clients;

    public CashoutChannels(int[] ports, int connections)
    {
        _channels = new GrpcChannel[connections];
        _clients = new CashoutService.CashoutServiceClient[connections];
        for (var i = 0; i < connections; i++)
        {
            _channels[i] = GrpcChannel.ForAddress(new Uri(Format.Inv($"http://127.0.0.1:{ports[i % ports.Length]}")), ChannelOptions());
            _clients[i] = new CashoutService.CashoutServiceClient(_channels[i]);
        }
    }

    public int Count => _channels.Length;

    public CashoutService.CashoutServiceClient Client(int connection) => _clients[connection % _clients.Length];

    /// <summary>
    /// Opens every connection now, whichever channels the first calls happen to use, so the run starts
    /// with all N and can count them.
    /// </summary>
    /// <returns>False when they were not all open within 10 s (the channels keep retrying until then).</returns>
    public async Task<bool> ConnectAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await Task.WhenAll(_channels.Select(channel => channel.ConnectAsync(timeout.Token)));
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private static GrpcChannelOptions ChannelOptions() => new()
    {
        HttpHandler = new SocketsHttpHandler
        {
            // A second connection would open behind our back once the server's stream limit is
            // reached, and the run would no longer use the connections it says it uses; beyond the
            // limit calls wait in the handler instead, which the latency shows.
            EnableMultipleHttp2Connections = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            // Connections live for the whole run, idle phases (a verification, a slow config) included.
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(30),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // Flow-control windows stay at their defaults: messages are tens of bytes, the stream
            // window is 64 KiB, and SocketsHttpHandler opens the connection window to 64 MiB itself
            // (it has no setting for it).
        },
        DisposeHttpClient = true,
        HttpVersion = HttpVersion.Version20,
        // h2c with prior knowledge, as the service's gRPC endpoint speaks only HTTP/2.
        HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        // A retried call would be two server operations counted as one, and a hidden error: no
        // service config (retries are off without one), none taken from the resolver, and no attempt
        // budget should one appear.
        ServiceConfig = null,
        DisableResolverServiceConfig = true,
        MaxRetryAttempts = 0,
        // "identity" alone in grpc-accept-encoding: the server must not compress (it would spend CPU the
        // figure does not mean to include), and a compressed reply fails the call instead of passing.
        CompressionProviders = [],
    };
}

/// <summary>How a failed call is counted and shown.</summary>
internal static class CallErrors
{
    /// <summary>"FAILED_PRECONDITION(9)": the name gRPC's spec uses, and the code.</summary>
    public static string Kind(RpcException ex)
    {
        var name = ex.StatusCode.ToString();
        var upper = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                upper.Append('_');
            }

            upper.Append(char.ToUpperInvariant(name[i]));
        }

        return Format.Inv($"{upper}({(int)ex.StatusCode})");
    }

    /// <summary>The status detail, and for failures the client raised itself (transport, framing) the exception under it.</summary>
    public static string Sample(RpcException ex) => ex.Status.DebugException is { } inner
        ? Format.Inv($"{ex.Status.Detail} [{inner.GetType().Name}: {inner.Message}]")
        : ex.Status.Detail;
}
