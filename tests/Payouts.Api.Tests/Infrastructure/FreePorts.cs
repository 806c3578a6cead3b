using System.Net;
using System.Net.Sockets;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>A loopback port free at the moment it is picked (another socket may still take it before it is bound).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
