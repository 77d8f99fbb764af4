using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Estimates;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Consumers;

/// <summary>Answers a resident's status query by token.</summary>
public sealed class GetTicketStatusConsumer(OfficeCatalog offices, TicketStore store) : IConsumer<GetTicketStatus>
{
    public async Task Consume(ConsumeContext<GetTicketStatus> context)
    {
        var found = TicketTokens.LooksValid(context.Message.Token) ? await store.FindByTokenAsync(context.Message.Token) : null;
        var ticket = found is { } f ? await store.GetAsync(f.OfficeId, f.TicketId) : null;
        if (ticket is null || offices.Find(ticket.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("token", "No ticket has this token (it may have expired)."));
            return;
        }

        var raw = await store.SnapshotAsync(office.Id, [ticket.Queue]);
        await context.RespondAsync(new TicketStatus
        {
            TicketId = ticket.TicketId,
            OfficeId = ticket.OfficeId,
            Queue = ticket.Queue,
            Number = ticket.Number,
            State = ticket.State,
            Position = ticket.Position,
            EstimatedWaitMinutes = WaitEstimator.MinutesForPosition(
                ticket.Position, office.MinutesPerTicket(ticket.Queue), QueueSnapshots.CountersServing(office, raw, ticket.Queue)),
            Counter = ticket.Counter,
            Version = ticket.Version,
        });
    }
}

/// <summary>Answers with the current snapshot of an office's queues (screens ask on connect).</summary>
public sealed class GetQueueStatusConsumer(OfficeCatalog offices, QueueSnapshots snapshots) : IConsumer<GetQueueStatus>
{
    public async Task Consume(ConsumeContext<GetQueueStatus> context)
    {
        if (offices.Find(context.Message.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{context.Message.OfficeId}' does not exist."));
            return;
        }

        await context.RespondAsync(await snapshots.ReadAsync(office));
    }
}
