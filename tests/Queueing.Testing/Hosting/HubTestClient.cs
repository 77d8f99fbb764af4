using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Queueing.Testing;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a WebSocket (no .NET SignalR client package is
/// available here). Collects every invocation the server sends, with its arrival time.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<HubMessage> _messages = Channel.CreateUnbounded<HubMessage>();
    private readonly List<HubMessage> _seen = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;

    public static async Task<HubTestClient> ConnectAsync(Uri gateway, string query, CancellationToken ct = default)
    {
        var client = new HubTestClient();
        var uri = new UriBuilder(gateway) { Scheme = gateway.Scheme == "https" ? "wss" : "ws", Path = "/hubs/queue", Query = query }.Uri;
        await client._socket.ConnectAsync(uri, ct);
        await client.SendAsync("{\"protocol\":\"json\",\"version\":1}", ct);
        client._reader = Task.Run(client.ReadLoopAsync, CancellationToken.None);
        return client;
    }

    public bool Closed { get; private set; }

    /// <summary>Waits for the next invocation of <paramref name="target"/> that satisfies <paramref name="match"/> (earlier ones included).</summary>
    public async Task<HubMessage> WaitForAsync(string target, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        lock (_seen)
        {
            var found = _seen.FirstOrDefault(m => string.Equals(m.Target, target, StringComparison.OrdinalIgnoreCase) && (match?.Invoke(m.Argument) ?? true));
            if (found is not null)
            {
                return found;
            }
        }

        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(cts.Token);
                if (string.Equals(message.Target, target, StringComparison.OrdinalIgnoreCase) && (match?.Invoke(message.Argument) ?? true))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{target}' message matched within {timeout ?? TimeSpan.FromSeconds(15)}; seen: {string.Join(" | ", Seen.Select(m => m.Target + " " + m.Argument.GetRawText()))}");
        }
    }

    public IReadOnlyList<HubMessage> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    private async Task SendAsync(string json, CancellationToken ct) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, ct);

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var text = pending.ToString();
                pending.Clear();
                foreach (var frame in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    Handle(frame, Stopwatch.GetTimestamp());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            Closed = true;
            _messages.Writer.TryComplete();
        }
    }

    private void Handle(string frame, long at)
    {
        using var doc = JsonDocument.Parse(frame);
        var root = doc.RootElement;
        if (!root.TryGetProperty("type", out var type))
        {
            return; // handshake response {}
        }

        if (type.GetInt32() == 7)
        {
            Closed = true;
            return;
        }

        if (type.GetInt32() != 1)
        {
            return; // pings
        }

        var message = new HubMessage(root.GetProperty("target").GetString()!, root.GetProperty("arguments")[0].Clone(), at);
        lock (_seen)
        {
            _seen.Add(message);
        }

        _messages.Writer.TryWrite(message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        if (_reader is not null)
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}

/// <summary>One server-to-client invocation; <see cref="ReceivedAt"/> is a Stopwatch timestamp.</summary>
public sealed record HubMessage(string Target, JsonElement Argument, long ReceivedAt);
