using System.Collections.Concurrent;
using MassTransit;
using Queueing.Contracts.Common;
using Queueing.Contracts.Ticketing;

namespace Queueing.Gateway.Live;

/// <summary>
/// This gateway instance's view of the live queues: the newest snapshot per office (versions only grow, older
/// ones are dropped) and the tickets whose phones are connected here. Nothing here is authoritative: after a
/// restart it is rebuilt from Ticketing on the first connection.
/// </summary>
public sealed class LiveState(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, QueueStatusChanged> _latest = new();
    private readonly ConcurrentDictionary<string, TrackedTicket> _tickets = new();

    public static string OfficeGroup(string officeId) => $"office:{officeId}";

    public static string TicketGroup(string ticketId) => $"ticket:{ticketId}";

    /// <summary>Keeps the snapshot if it is newer than the one held; false when it is stale.</summary>
    public bool TryApply(QueueStatusChanged snapshot)
    {
        while (true)
        {
            if (!_latest.TryGetValue(snapshot.OfficeId, out var current))
            {
                if (_latest.TryAdd(snapshot.OfficeId, snapshot))
                {
                    return true;
                }

                continue;
            }

            if (snapshot.Version <= current.Version)
            {
                return false;
            }

            if (_latest.TryUpdate(snapshot.OfficeId, snapshot, current))
            {
                return true;
            }
        }
    }

    public async Task<QueueStatusChanged?> SnapshotAsync(string officeId, CancellationToken ct)
    {
        if (_latest.TryGetValue(officeId, out var held))
        {
            return held;
        }

        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetQueueStatus>>();
        var response = await client.GetResponse<QueueStatusChanged, CommandRejected>(new GetQueueStatus { OfficeId = officeId }, ct);
        if (!response.Is(out Response<QueueStatusChanged>? snapshot))
        {
            return null;
        }

        TryApply(snapshot.Message);
        return _latest.GetValueOrDefault(officeId);
    }

    public async Task<TicketStatus?> TicketAsync(string token, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var client = scope.ServiceProvider.GetRequiredService<IRequestClient<GetTicketStatus>>();
        var response = await client.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, ct);
        return response.Is(out Response<TicketStatus>? status) ? status.Message : null;
    }

    public void Track(TicketStatus ticket, string token, TicketStatusPush sent) =>
        _tickets.AddOrUpdate(
            ticket.TicketId,
            _ => new TrackedTicket(ticket.TicketId, ticket.OfficeId, ticket.Queue, ticket.Number, token) { Connections = 1, LastSent = sent },
            (_, t) =>
            {
                lock (t)
                {
                    t.Connections++;
                    if (sent.Version >= t.LastSent.Version)
                    {
                        t.LastSent = sent;
                    }
                }

                return t;
            });

    public void Untrack(string ticketId)
    {
        if (_tickets.TryGetValue(ticketId, out var t))
        {
            lock (t)
            {
                if (--t.Connections <= 0)
                {
                    _tickets.TryRemove(new KeyValuePair<string, TrackedTicket>(ticketId, t));
                }
            }
        }
    }

    public IEnumerable<TrackedTicket> TrackedIn(string officeId) => _tickets.Values.Where(t => t.OfficeId == officeId);

    /// <summary>
    /// The ticket's status as the snapshot shows it, or null when the snapshot cannot tell (the change acted on the
    /// ticket itself, or it left the queues): then the caller asks Ticketing.
    /// </summary>
    public static TicketStatusPush? StatusIn(QueueStatusChanged s, TrackedTicket t)
    {
        if (s.Changed.Contains(t.TicketId))
        {
            return null;
        }

        var last = t.LastSent;
        if (s.NowServing.FirstOrDefault(n => n.TicketId == t.TicketId) is { } serving)
        {
            return last with { State = serving.State, Position = 0, EstimatedWaitMinutes = 0, WaitP50 = 0, WaitP90 = 0, Counter = serving.Counter, Version = s.Version };
        }

        foreach (var queue in s.Waiting)
        {
            for (var i = 0; i < queue.TicketIds.Count; i++)
            {
                if (queue.TicketIds[i] == t.TicketId)
                {
                    var p50 = i < queue.EstimatedWaitByPosition.Count ? queue.EstimatedWaitByPosition[i] : 0;
                    var p90 = i < queue.WaitP90ByPosition.Count ? queue.WaitP90ByPosition[i] : p50;
                    return queue.Queue == last.Queue && last.State == "waiting"
                        ? last with { Position = i + 1, EstimatedWaitMinutes = p50, WaitP50 = p50, WaitP90 = p90, Version = s.Version }
                        : null;
                }
            }
        }

        return last.State is "waiting" or "called" or "serving" ? null : last with { Version = s.Version };
    }
}

public sealed class TrackedTicket(string ticketId, string officeId, string queue, string number, string token)
{
    public string TicketId { get; } = ticketId;

    public string OfficeId { get; } = officeId;

    public string Queue { get; } = queue;

    public string Number { get; } = number;

    public string Token { get; } = token;

    public int Connections { get; set; }

    public required TicketStatusPush LastSent { get; set; }
}
