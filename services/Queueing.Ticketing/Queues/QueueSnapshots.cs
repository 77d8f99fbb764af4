using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Estimates;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Queues;

/// <summary>Reads an office's queues atomically and turns them into the published snapshot with wait estimates.</summary>
public sealed class QueueSnapshots(TicketStore store)
{
    public async Task<QueueStatusChanged> ReadAsync(Office office, IReadOnlyList<TicketLeft>? left = null)
    {
        var queues = office.Queues.Select(q => q.Id).ToList();
        var raw = await store.SnapshotAsync(office.Id, queues);
        return new QueueStatusChanged
        {
            OfficeId = office.Id,
            Version = raw.Version,
            NowServing = raw.NowServing
                .OrderBy(s => s.Counter, StringComparer.Ordinal)
                .Select(s => new CounterServing { Counter = s.Counter, TicketId = s.TicketId, Number = s.Number, CalledAt = s.CalledAt })
                .ToList(),
            Waiting = queues.Select(q =>
            {
                var ids = raw.Waiting[q];
                var minutes = office.MinutesPerTicket(q);
                var counters = CountersServing(office, raw, q);
                return new QueueWaiting
                {
                    Queue = q,
                    Count = ids.Count,
                    TicketIds = ids,
                    EstimatedWaitByPosition = Enumerable.Range(1, ids.Count).Select(p => WaitEstimator.MinutesForPosition(p, minutes, counters)).ToList(),
                    MinutesPerTicket = (int)Math.Ceiling(minutes),
                    CountersServing = counters,
                    EstimatedWaitMinutes = WaitEstimator.MinutesForNewArrival(ids.Count, minutes, counters),
                };
            }).ToList(),
            Left = left ?? [],
        };
    }

    /// <summary>Open counters serving the queue; before any opens, the counters configured for it.</summary>
    public static int CountersServing(Office office, RawSnapshot raw, string queue)
    {
        var open = raw.OpenCounters.Values.Count(qs => qs.Contains(queue));
        return open > 0 ? open : office.CountersServing(queue).Count();
    }
}
