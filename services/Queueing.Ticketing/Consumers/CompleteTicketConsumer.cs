using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Consumers;

/// <summary>Completes the ticket called at a counter; 409 when there is none (never a silent change).</summary>
public sealed class CompleteTicketConsumer(OfficeCatalog offices, TicketStore store, QueueSnapshots snapshots, TimeProvider clock)
    : IConsumer<CompleteTicket>
{
    public async Task Consume(ConsumeContext<CompleteTicket> context)
    {
        var command = context.Message;
        if (offices.Find(command.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{command.OfficeId}' does not exist."));
            return;
        }

        var result = await store.CompleteAsync(office.Id, command.CommandId, command.Counter, clock.GetUtcNow());
        if (result is null)
        {
            await context.RespondAsync(Reject.Conflict($"Counter {command.Counter} has no called ticket to complete."));
            return;
        }

        var completed = new TicketCompleted
        {
            TicketId = result.TicketId,
            OfficeId = office.Id,
            Number = result.Number,
            Counter = command.Counter,
            CompletedAt = result.CompletedAt,
            Version = result.Version,
        };
        await context.Publish(completed);
        await context.Publish(await snapshots.ReadAsync(office, [new TicketLeft { TicketId = result.TicketId, Number = result.Number, State = "completed" }]));
        await context.RespondAsync(completed);
    }
}
