using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Engine;
using Queueing.Ticketing.Estimates;

namespace Queueing.Ticketing.Queues;

/// <summary>
/// Reads an office's queues atomically and turns them into the published snapshot: calling order per queue,
/// wait ranges (P50–P90) per position and for a new arrival, longest wait, counters and the latest calls.
/// </summary>
public sealed class QueueSnapshots(QueueEngine engine, TimeProvider clock)
{
    public async Task<QueueStatusChanged> ReadAsync(Office office, IReadOnlyList<string>? changed = null)
    {
        var now = clock.GetUtcNow();
        var raw = await engine.SnapshotAsync(office, now);
        return new QueueStatusChanged
        {
            OfficeId = office.Id,
            Version = raw.Version,
            NowServing = raw.AtCounters
                .OrderBy(s => s.Counter, StringComparer.Ordinal)
                .Select(s => new CounterServing { Counter = s.Counter, TicketId = s.TicketId, Number = s.Number, CalledAt = s.CalledAt, State = s.State, Recalls = s.Recalls })
                .ToList(),
            Waiting = office.Queues.Select(q => Queue(office, raw, q.Id, now)).ToList(),
            RecentCalls = raw.Recent
                .Select(r => new RecentCall { Counter = r.Counter, Number = r.Number, CalledAt = DateTimeOffset.FromUnixTimeMilliseconds((long)r.CalledAt), Recalls = r.Recalls })
                .ToList(),
            Counters = office.Counters
                .Select(c => new CounterStatus { Counter = c.Number, State = raw.Counters.TryGetValue(c.Number, out var s) ? s.State : "closed" })
                .ToList(),
            AlertMinutes = office.Calling.WaitAlertMinutes,
            Changed = changed ?? [],
        };
    }

    private static QueueWaiting Queue(Office office, RawSnapshot raw, string queue, DateTimeOffset now)
    {
        var rows = raw.Waiting[queue];
        var service = ServiceFor(office, raw, queue, rows);
        var servers = CountersServing(office, raw, queue);
        var rate = rows.ArrivalsLast30Minutes / 30.0;
        var byPosition = Enumerable.Range(1, rows.TicketIds.Count).Select(p => WaitEstimator.ForPosition(p, service, servers, rate)).ToList();
        var busy = raw.AtCounters.Count(a => office.FindCounter(a.Counter)?.Queues.Contains(queue) == true);
        var newArrival = WaitEstimator.ForNewArrival(rows.TicketIds.Count, service, servers, rate, Math.Min(busy, servers));
        return new QueueWaiting
        {
            Queue = queue,
            Count = rows.TicketIds.Count,
            TicketIds = rows.TicketIds,
            EstimatedWaitByPosition = byPosition.Select(r => r.P50).ToList(),
            WaitP90ByPosition = byPosition.Select(r => r.P90).ToList(),
            EstimatedWaitMinutes = newArrival.P50,
            WaitP50 = newArrival.P50,
            WaitP90 = newArrival.P90,
            LongestWaitMinutes = rows.OldestArrival is { } oldest ? Math.Max(0, (int)(now - oldest).TotalMinutes) : 0,
            MinutesPerTicket = (int)Math.Ceiling(service.MeanMinutes),
            CountersServing = servers,
        };
    }

    /// <summary>Service times of a queue: measured per procedure, mixed by the procedures of the tickets waiting (all of the queue's when none wait).</summary>
    private static ServiceTimes ServiceFor(Office office, RawSnapshot raw, string queue, QueueRows rows)
    {
        var procedures = office.Procedures.Where(p => p.Queue == queue || rows.Procedures.Contains(p.Code)).ToList();
        var parts = procedures
            .Select(p => (Times: ServiceTimeStats.From(raw.ServiceMinutes.GetValueOrDefault(p.Code) ?? [], p.Minutes),
                          Weight: rows.Procedures.Count == 0 ? (p.Queue == queue ? 1.0 : 0.0) : rows.Procedures.Count(c => c == p.Code)))
            .Where(x => x.Weight > 0)
            .ToList();
        return parts.Count == 0 ? ServiceTimeStats.From([], office.MinutesPerTicket(queue)) : ServiceTimeStats.Mix(parts);
    }

    /// <summary>Open counters serving the queue; before any opens (early morning), the counters configured for it.</summary>
    public static int CountersServing(Office office, RawSnapshot raw, string queue)
    {
        var open = raw.Counters.Values.Count(c => c.State == "open" && c.Queues.Contains(queue));
        return open > 0 ? open : office.CountersServing(queue).Count();
    }
}
