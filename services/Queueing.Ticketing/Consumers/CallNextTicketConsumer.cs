using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Consumers;

/// <summary>
/// Takes the next ticket for a counter in one atomic Redis script, so two counters calling at once never get
/// the same ticket. A ticket still called at that counter is completed first. A repeated CommandId replays
/// the first result and re-publishes the same events (consumers downstream are idempotent).
/// </summary>
public sealed class CallNextTicketConsumer(OfficeCatalog offices, TicketStore store, QueueSnapshots snapshots, TimeProvider clock)
    : IConsumer<CallNextTicket>
{
    public async Task Consume(ConsumeContext<CallNextTicket> context)
    {
        var command = context.Message;
        if (offices.Find(command.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{command.OfficeId}' does not exist."));
            return;
        }

        var unknown = command.Queues.FirstOrDefault(q => office.Queues.All(x => x.Id != q));
        if (command.Queues.Count == 0 || unknown is not null)
        {
            await context.RespondAsync(Reject.BadRequest("queues", $"Unknown queue '{unknown}'."));
            return;
        }

        var result = await store.CallNextAsync(office.Id, command.CommandId, command.Counter, command.Queues, clock.GetUtcNow());
        var left = new List<TicketLeft>();
        if (result.CompletedTicketId is { } completedId)
        {
            var number = TicketNumbering.NumberOf(completedId);
            left.Add(new TicketLeft { TicketId = completedId, Number = number, State = "completed" });
            await context.Publish(new TicketCompleted
            {
                TicketId = completedId,
                OfficeId = office.Id,
                Number = number,
                Counter = command.Counter,
                CompletedAt = clock.GetUtcNow(),
                Version = result.Version,
            });
        }

        if (result.TicketId is null)
        {
            if (left.Count > 0)
            {
                await context.Publish(await snapshots.ReadAsync(office, left));
            }

            await context.RespondAsync(new NoTicketWaiting { OfficeId = office.Id, Counter = command.Counter });
            return;
        }

        var called = new TicketCalled
        {
            TicketId = result.TicketId,
            OfficeId = office.Id,
            Queue = result.Queue!,
            Number = result.Number!,
            Counter = command.Counter,
            CalledAt = result.CalledAt!.Value,
            Version = result.Version,
        };
        await context.Publish(called);
        await context.Publish(await snapshots.ReadAsync(office, left));
        await context.RespondAsync(called);
    }
}
