using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Calling;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Consumers;

/// <summary>Issues a numbered ticket. A repeated CommandId returns the ticket issued the first time.</summary>
public sealed class IssueTicketConsumer(OfficeCatalog offices, TicketStore store, QueueSnapshots snapshots, TimeProvider clock, ILogger<IssueTicketConsumer> logger)
    : IConsumer<IssueTicket>
{
    private static readonly string[] Channels = ["kiosk", "web", "qr", "staff"];

    public async Task Consume(ConsumeContext<IssueTicket> context)
    {
        var command = context.Message;
        if (offices.Find(command.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{command.OfficeId}' does not exist."));
            return;
        }

        if (office.FindProcedure(command.Procedure) is not { } procedure)
        {
            await context.RespondAsync(Reject.BadRequest("procedure", $"Procedure '{command.Procedure}' is not offered at office '{office.Id}'."));
            return;
        }

        if (!Channels.Contains(command.Channel))
        {
            await context.RespondAsync(Reject.BadRequest("channel", $"Channel must be one of: {string.Join(", ", Channels)}."));
            return;
        }

        var now = clock.GetUtcNow();
        var result = await store.IssueAsync(new NewTicket(
            command.CommandId, office.Id, TicketNumbering.DayKey(office, now), procedure.Queue, procedure.Code,
            command.Channel, TicketTokens.New(), now, CallingOrder.Score(now)));

        var issued = new TicketIssued
        {
            TicketId = result.TicketId,
            OfficeId = office.Id,
            Queue = result.Queue,
            Number = result.Number,
            Procedure = procedure.Code,
            Channel = command.Channel,
            Token = result.Token,
            IssuedAt = result.IssuedAt,
            Version = result.Version,
        };
        if (result.Created)
        {
            logger.LogInformation("Issued {TicketId} for {Procedure} via {Channel}", result.TicketId, procedure.Code, command.Channel);
        }

        await context.Publish(issued);
        await context.Publish(await snapshots.ReadAsync(office));
        await context.RespondAsync(issued);
    }
}
