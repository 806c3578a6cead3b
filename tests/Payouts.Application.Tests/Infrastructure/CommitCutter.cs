using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>
/// A TCP proxy between the compositions of a test and the private PostgreSQL server that breaks a connection at the
/// next COMMIT it carries, where a network or a server failure can break it: before the COMMIT reaches the server,
/// or after the server committed and before its answer is back. Npgsql sends a transaction's COMMIT as a simple
/// query of its own ('Q', length 11, "COMMIT"), which the proxy recognises in the client's bytes.
/// </summary>
public sealed class CommitCutter : IAsyncDisposable
{
    private static readonly byte[] CommitMessage = [(byte)'Q', 0, 0, 0, 11, .. "COMMIT\0"u8];
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly ConcurrentDictionary<Link, bool> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile Cut _next;
    private TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CommitCutter(string host, int port)
    {
        _server = new IPEndPoint(IPAddress.Parse(host), port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public enum Cut
    {
        None,

        /// <summary>The COMMIT never reaches the server: the server rolls the transaction back when the connection ends.</summary>
        BeforeCommit,

        /// <summary>The server commits, and its answer is lost with the connection.</summary>
        AnswerOfCommit,

        /// <summary>As <see cref="AnswerOfCommit"/>, and then the database is unreachable: every connection ends, none is accepted.</summary>
        AnswerOfCommitAndDatabase,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Whether new connections are refused (after <see cref="Cut.AnswerOfCommitAndDatabase"/>, until set false).</summary>
    public bool Refusing { get; set; }

    /// <summary>Ends every connection open now, as a restart of the database or of a network between would.</summary>
    public void BreakAll()
    {
        foreach (var link in _links.Keys)
        {
            link.Close();
        }
    }

    /// <summary>Breaks the next COMMIT so; the task ends when it was broken.</summary>
    public Task Arm(Cut cut)
    {
        _cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _next = cut;
        return _cut.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        foreach (var link in _links.Keys)
        {
            link.Close();
        }

        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (Refusing)
            {
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            await server.ConnectAsync(_server);
            var link = new Link(client, server);
            _links[link] = true;
            _ = Task.Run(() => PumpAsync(link, client.GetStream(), server.GetStream(), toServer: true));
            _ = Task.Run(() => PumpAsync(link, server.GetStream(), client.GetStream(), toServer: false));
        }
    }

    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to, bool toServer)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await from.ReadAsync(buffer) is var read and > 0)
            {
                if (toServer && _next != Cut.None && buffer.AsSpan(0, read).IndexOf(CommitMessage) >= 0)
                {
                    link.Cut = _next;
                    _next = Cut.None;
                    if (link.Cut == Cut.BeforeCommit)
                    {
                        Broken(link);
                        return;
                    }
                }
                else if (!toServer && link.Cut != Cut.None)
                {
                    // The server's answer to the COMMIT, the first thing it sends after it: dropped.
                    Broken(link);
                    return;
                }

                await to.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The other side or a cut closed the link.
        }

        link.Close();
        _links.TryRemove(link, out _);
    }

    private void Broken(Link link)
    {
        if (link.Cut == Cut.AnswerOfCommitAndDatabase)
        {
            Refusing = true;
            foreach (var other in _links.Keys)
            {
                other.Close();
            }
        }

        link.Close();
        _cut.TrySetResult();
    }

    private sealed class Link(TcpClient client, TcpClient server)
    {
        public volatile Cut Cut;

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
