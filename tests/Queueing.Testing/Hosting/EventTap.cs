using System.Collections.Concurrent;
using MassTransit;

namespace Queueing.Testing;

/// <summary>
/// Watches published events the way a real consumer does: a temporary queue on the system's RabbitMQ virtual host,
/// bound to the events' exchanges, collecting every message (so a test can count them). Dispose removes the queue.
/// </summary>
public sealed class EventTap : IAsyncDisposable
{
    private readonly ConcurrentQueue<object> _received = new();
    private HostReceiveEndpointHandle? _handle;

    private EventTap()
    {
    }

    /// <summary>Collects one event type (pass to <see cref="StartAsync"/>).</summary>
    public static Action<IReceiveEndpointConfigurator, EventTap> Of<T>() where T : class =>
        (endpoint, tap) => endpoint.Handler<T>(context =>
        {
            tap._received.Enqueue(context.Message);
            return Task.CompletedTask;
        });

    public static async Task<EventTap> StartAsync(IBus bus, params Action<IReceiveEndpointConfigurator, EventTap>[] events)
    {
        var tap = new EventTap();
        tap._handle = bus.ConnectReceiveEndpoint(new TemporaryEndpointDefinition(), null, endpoint =>
        {
            foreach (var collect in events)
            {
                collect(endpoint, tap);
            }
        });
        await tap._handle.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return tap;
    }

    /// <summary>Every event of type T received so far that matches.</summary>
    public IReadOnlyList<T> All<T>(Func<T, bool>? where = null) => _received.OfType<T>().Where(where ?? (_ => true)).ToList();

    /// <summary>Waits (up to 15 s) until at least <paramref name="count"/> matching events arrived; returns them all.</summary>
    public Task<IReadOnlyList<T>> WaitAsync<T>(Func<T, bool> where, int count = 1) =>
        Poll.UntilAsync(() => Task.FromResult(All(where)), list => list.Count >= count);

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.StopAsync();
        }
    }
}
