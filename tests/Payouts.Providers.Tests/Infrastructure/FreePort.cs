using System.Net;
using System.Net.Sockets;

namespace Payouts.Providers.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port nothing listens on right now, for a server that must come back on the same one.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
