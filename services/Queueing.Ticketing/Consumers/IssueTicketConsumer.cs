using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Engine;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Consumers;

/// <summary>Issues a numbered ticket for one or more procedures. A repeated CommandId returns the ticket issued the first time.</summary>
public sealed class IssueTicketConsumer(OfficeCatalog offices, QueueEngine engine, ChangePublisher publisher, TimeProvider clock, ILogger<IssueTicketConsumer> logger)
    : IConsumer<IssueTicket>
{
    private static readonly string[] Channels = ["kiosk", "web", "qr", "staff", "booking"];

    public async Task Consume(ConsumeContext<IssueTicket> context)
    {
        var command = context.Message;
        if (offices.Find(command.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{command.OfficeId}' does not exist."));
            return;
        }

        var codes = command.Procedures.Count > 0 ? command.Procedures : [command.Procedure];
        var procedures = new List<Procedure>();
        foreach (var code in codes)
        {
            if (office.FindProcedure(code) is not { } procedure)
            {
                await context.RespondAsync(Reject.BadRequest(command.Procedures.Count > 1 ? "procedures" : "procedure", $"Procedure '{code}' is not offered at office '{office.Id}'."));
                return;
            }

            procedures.Add(procedure);
        }

        if (procedures.Count > 6 || procedures.Select(p => p.Code).Distinct().Count() != procedures.Count)
        {
            await context.RespondAsync(Reject.BadRequest("procedures", "Choose up to six different procedures."));
            return;
        }

        if (!Channels.Contains(command.Channel))
        {
            await context.RespondAsync(Reject.BadRequest("channel", $"Channel must be one of: {string.Join(", ", Channels)}."));
            return;
        }

        if (!CallingPolicy.Priorities.Contains(command.Priority))
        {
            await context.RespondAsync(Reject.BadRequest("priority", $"Priority must be one of: {string.Join(", ", CallingPolicy.Priorities)}."));
            return;
        }

        var now = clock.GetUtcNow();
        var token = TicketTokens.New();
        var result = await engine.ApplyAsync(office, command.CommandId, "issue", now,
            office.Id, TicketNumbering.DayKey(office, now), command.Channel, token, command.Priority,
            string.Join(',', procedures.Select(p => p.Code)), string.Join(',', procedures.Select(p => p.Queue)));
        var ticket = result.Ticket!;

        // The token key lives outside the office's hash slot; a retried command sets it again.
        var stored = await engine.FindTokenOfAsync(office.Id, ticket.TicketId) ?? token;
        await engine.SaveTokenAsync(stored, office.Id, ticket.TicketId);

        var issued = new TicketIssued
        {
            TicketId = ticket.TicketId,
            OfficeId = office.Id,
            Queue = ticket.Queue,
            Number = ticket.Number,
            Procedure = ticket.CurrentProcedure,
            Channel = command.Channel,
            Token = stored,
            IssuedAt = ticket.ArrivedAt,
            Version = result.Version,
        };
        logger.LogInformation("Issued {TicketId} ({Priority}) for {Procedures} via {Channel}", ticket.TicketId, command.Priority, string.Join(",", codes), command.Channel);
        await context.Publish(issued);
        await publisher.PublishAsync(context, office, result, "issue", null);
        await context.RespondAsync(issued);
    }
}
