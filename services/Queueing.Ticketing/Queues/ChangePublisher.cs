using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Engine;

namespace Queueing.Ticketing.Queues;

/// <summary>
/// After every change: the ticket's history event, the specific events other services act on (called,
/// completed), the office snapshot, and TurnApproaching for tickets that came within N places or M minutes.
/// Publishing the same result twice is harmless: every consumer is idempotent and snapshots carry versions.
/// </summary>
public sealed class ChangePublisher(QueueSnapshots snapshots, QueueEngine engine, TimeProvider clock)
{
    public async Task PublishAsync(IPublishEndpoint bus, Office office, EngineResult result, string action, string? staffId)
    {
        var now = clock.GetUtcNow();
        var ticket = result.Ticket!;
        await bus.Publish(new TicketChanged { Action = action, Ticket = ticket, StaffId = staffId, At = now, Version = result.Version });

        if (action is "call-next" or "call")
        {
            await bus.Publish(new TicketCalled
            {
                TicketId = ticket.TicketId, OfficeId = office.Id, Queue = ticket.Queue, Number = ticket.Number,
                Counter = ticket.Counter!, CalledAt = ticket.CalledAt ?? now, Version = result.Version,
            });
        }
        else if (action == "complete" && result.NextQueue is null)
        {
            await bus.Publish(new TicketCompleted
            {
                TicketId = ticket.TicketId, OfficeId = office.Id, Number = ticket.Number, Counter = "", CompletedAt = now, Version = result.Version,
            });
        }

        await PublishSnapshotAsync(bus, office, [ticket.TicketId]);
    }

    public async Task PublishSnapshotAsync(IPublishEndpoint bus, Office office, IReadOnlyList<string>? changed = null)
    {
        var snapshot = await snapshots.ReadAsync(office, changed);
        await bus.Publish(snapshot);

        var policy = office.Calling;
        foreach (var queue in snapshot.Waiting)
        {
            var near = new List<string>();
            for (var i = 0; i < queue.TicketIds.Count; i++)
            {
                if (i + 1 <= policy.TurnApproachingPlaces || queue.EstimatedWaitByPosition[i] <= policy.TurnApproachingMinutes)
                {
                    near.Add(queue.TicketIds[i]);
                }
            }

            foreach (var id in await engine.MarkApproachingAsync(office.Id, queue.Queue, near))
            {
                var i = queue.TicketIds.IndexOf(id);
                await bus.Publish(new TurnApproaching
                {
                    TicketId = id, OfficeId = office.Id, Number = Tickets.TicketNumbering.NumberOf(id), Queue = queue.Queue,
                    Position = i + 1, WaitP50 = queue.EstimatedWaitByPosition[i], WaitP90 = queue.WaitP90ByPosition[i],
                });
            }
        }
    }
}
