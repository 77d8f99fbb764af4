using MassTransit;
using Queueing.Contracts.Common;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Engine;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;
using StackExchange.Redis;

namespace Queueing.Ticketing.Consumers;

/// <summary>
/// Applies one queue operation in the engine's atomic script. Invalid transitions come back as 409 with the
/// reason and change nothing; a repeated CommandId replays the first result and re-publishes its events.
/// </summary>
public sealed class ApplyTicketActionConsumer(OfficeCatalog offices, QueueEngine engine, ChangePublisher publisher, TimeProvider clock)
    : IConsumer<ApplyTicketAction>
{
    private static readonly string[] CounterActions = ["call-next", "call", "recall", "start", "complete", "no-show", "return", "transfer", "park"];
    private static readonly string[] ResidentActions = ["cancel", "postpone"];

    public async Task Consume(ConsumeContext<ApplyTicketAction> context)
    {
        var m = context.Message;
        if (offices.Find(m.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{m.OfficeId}' does not exist."));
            return;
        }

        var args = await ArgumentsAsync(office, m);
        if (args.Rejected is not null)
        {
            await context.RespondAsync(args.Rejected);
            return;
        }

        var result = await engine.ApplyAsync(office, m.CommandId, m.Action, clock.GetUtcNow(), args.Values!);
        if (!result.Ok)
        {
            await context.RespondAsync(new CommandRejected { Status = result.Status, Title = "Not possible now", Detail = result.Error ?? "Rejected." });
            return;
        }

        if (result.None)
        {
            await context.RespondAsync(new NoTicketWaiting { OfficeId = office.Id, Counter = m.Counter ?? "" });
            return;
        }

        await publisher.PublishAsync(context, office, result, m.Action, m.StaffId);
        await context.RespondAsync(new TicketActionApplied { Action = m.Action, Ticket = result.Ticket!, NextQueue = result.NextQueue, Version = result.Version });
    }

    private async Task<(RedisValue[]? Values, CommandRejected? Rejected)> ArgumentsAsync(Office office, ApplyTicketAction m)
    {
        if (CounterActions.Contains(m.Action))
        {
            if (string.IsNullOrEmpty(m.Counter) || office.FindCounter(m.Counter) is null)
            {
                return (null, Reject.NotFound("counter", $"Office '{office.Id}' has no counter '{m.Counter}'."));
            }

            var queues = string.Join(',', m.Queues);
            return m.Action switch
            {
                "call-next" => ([m.Counter, queues], null),
                "call" => await TicketIdAsync(office, m.Number) is { } id ? ([m.Counter, queues, id], null) : (null, Reject.NotFound("number", $"No ticket {m.Number} today.")),
                "transfer" => office.Queues.Any(q => q.Id == m.TargetQueue)
                    ? ([m.Counter, m.TargetQueue], null)
                    : (null, Reject.BadRequest("queue", $"Unknown queue '{m.TargetQueue}'.")),
                _ => ([m.Counter], null),
            };
        }

        if (ResidentActions.Contains(m.Action))
        {
            var found = m.Token is { } token && TicketTokens.LooksValid(token) ? await engine.FindByTokenAsync(token) : null;
            return found is { } f && f.OfficeId == office.Id ? ([f.TicketId], null) : (null, Reject.NotFound("token", "No ticket has this token."));
        }

        if (m.Action == "unpark")
        {
            return await TicketIdAsync(office, m.Number) is { } id ? ([id], null) : (null, Reject.NotFound("number", $"No ticket {m.Number} today."));
        }

        return (null, Reject.BadRequest("action", $"Unknown action '{m.Action}'."));
    }

    /// <summary>Today's ticket with this display number, else the most recent day's (a carried-over ticket).</summary>
    private async Task<string?> TicketIdAsync(Office office, string? number)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 12)
        {
            return null;
        }

        var today = TicketNumbering.TicketId(office.Id, TicketNumbering.DayKey(office, clock.GetUtcNow()), number);
        if (await engine.GetAsync(office.Id, today) is not null)
        {
            return today;
        }

        var parked = (await engine.ListAsync(office, "parked")).Concat(await engine.ListAsync(office, "waiting"));
        return parked.FirstOrDefault(t => t.Number == number)?.TicketId;
    }
}
