using System.Net;
using System.Net.Sockets;

namespace Queueing.Testing;

/// <summary>Free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A port that nothing listens on right now (the kernel's choice for a bind to port 0), never the same
    /// one twice in this process. Avoids the CLI range 35672-35682 that RabbitMQ's tools use by default.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port is >= 35672 and <= 35682)
            {
                continue;
            }

            lock (Gate)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("Could not find a free loopback port.");
    }
}
