using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Engine;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Consumers;

/// <summary>Answers a resident's status query by token: state, position and wait range from the current snapshot.</summary>
public sealed class GetTicketStatusConsumer(OfficeCatalog offices, QueueEngine engine, QueueSnapshots snapshots) : IConsumer<GetTicketStatus>
{
    public async Task Consume(ConsumeContext<GetTicketStatus> context)
    {
        var found = TicketTokens.LooksValid(context.Message.Token) ? await engine.FindByTokenAsync(context.Message.Token) : null;
        var ticket = found is { } f ? await engine.GetAsync(f.OfficeId, f.TicketId) : null;
        if (ticket is null || offices.Find(ticket.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("token", "No ticket has this token (it may have expired)."));
            return;
        }

        var snapshot = await snapshots.ReadAsync(office);
        await context.RespondAsync(Status(office, ticket, snapshot));
    }

    public static TicketStatus Status(Office office, TicketView ticket, QueueStatusChanged snapshot)
    {
        var queue = snapshot.Waiting.FirstOrDefault(w => w.Queue == ticket.Queue);
        var index = queue is null || ticket.State != "waiting" ? -1 : queue.TicketIds.IndexOf(ticket.TicketId);
        var p50 = index >= 0 ? queue!.EstimatedWaitByPosition[index] : 0;
        return new TicketStatus
        {
            TicketId = ticket.TicketId,
            OfficeId = ticket.OfficeId,
            Queue = ticket.Queue,
            Number = ticket.Number,
            State = ticket.State,
            Position = index + 1,
            EstimatedWaitMinutes = p50,
            WaitP50 = p50,
            WaitP90 = index >= 0 ? queue!.WaitP90ByPosition[index] : 0,
            Counter = ticket.Counter,
            Procedures = ticket.Procedures,
            CurrentProcedure = ticket.CurrentProcedure,
            PostponesLeft = Math.Max(0, office.Calling.PostponeLimit - ticket.Postpones),
            Version = snapshot.Version,
        };
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

/// <summary>Lists an office's waiting (calling order) or parked tickets for staff.</summary>
public sealed class ListTicketsConsumer(OfficeCatalog offices, QueueEngine engine) : IConsumer<ListTickets>
{
    public async Task Consume(ConsumeContext<ListTickets> context)
    {
        if (offices.Find(context.Message.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{context.Message.OfficeId}' does not exist."));
            return;
        }

        if (context.Message.State is not ("waiting" or "parked" or "at-counters"))
        {
            await context.RespondAsync(Reject.BadRequest("state", "State must be waiting, parked or at-counters."));
            return;
        }

        await context.RespondAsync(new TicketList { Tickets = await engine.ListAsync(office, context.Message.State) });
    }
}
