using System.Net.Sockets;
using System.Text;

namespace Queueing.Testing;

/// <summary>
/// Just enough of the Redis protocol (RESP2) to manage a test server: one short-lived connection per call,
/// so it works whatever state StackExchange.Redis clients are in.
/// </summary>
internal static class RespClient
{
    /// <summary>Sends the commands in order on one connection and returns each first reply line (e.g. "+PONG", "-LOADING ...").</summary>
    public static async Task<IReadOnlyList<string>> SendAsync(string host, int port, IReadOnlyList<string[]> commands, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cts.Token);
        var stream = client.GetStream();
        var request = new StringBuilder();
        foreach (var command in commands)
        {
            request.Append('*').Append(command.Length).Append("\r\n");
            foreach (var part in command)
            {
                request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
            }
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cts.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var replies = new List<string>();
        foreach (var _ in commands)
        {
            var line = await reader.ReadLineAsync(cts.Token);
            if (line is null)
            {
                break; // connection closed (SHUTDOWN answers by closing it)
            }

            replies.Add(await ReadRestAsync(reader, line, cts.Token));
        }

        return replies;
    }

    public static async Task<string> SendAsync(string host, int port, string[] command, TimeSpan timeout)
    {
        var replies = await SendAsync(host, port, [command], timeout);
        return replies.Count > 0 ? replies[0] : string.Empty;
    }

    /// <summary>Reads the remainder of one reply and returns it as text (bulk strings and arrays flattened with spaces).</summary>
    private static async Task<string> ReadRestAsync(StreamReader reader, string first, CancellationToken ct)
    {
        switch (first[0])
        {
            case '$':
                var length = int.Parse(first.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                return length < 0 ? "$nil" : await reader.ReadLineAsync(ct) ?? string.Empty;
            case '*':
                var count = int.Parse(first.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                var parts = new List<string>();
                for (var i = 0; i < count; i++)
                {
                    var line = await reader.ReadLineAsync(ct) ?? string.Empty;
                    parts.Add(await ReadRestAsync(reader, line, ct));
                }

                return string.Join(' ', parts);
            default:
                return first;
        }
    }
}
