using MassTransit;
using Queueing.Contracts.Common;
using Queueing.Contracts.Counters;
using Queueing.Contracts.Ticketing;
using Queueing.Counter.Counters;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Counter.Consumers;

/// <summary>
/// A staff action at a counter. Counter states (open, paused, closed) are Counter's own; ticket actions are
/// checked (the counter must be open to call) and forwarded to Ticketing with the same CommandId, so a retry
/// returns the same result. Every accepted action is audited once: who, what, counter, ticket, when.
/// </summary>
public sealed class ApplyCounterActionConsumer(OfficeCatalog offices, CounterStore store, IRequestClient<ApplyTicketAction> ticketing, TimeProvider clock)
    : IConsumer<ApplyCounterAction>
{
    private static readonly string[] StateActions = ["open", "pause", "close"];
    private static readonly string[] TicketActions = ["call-next", "call", "recall", "start", "complete", "no-show", "return", "transfer", "park", "unpark"];

    public async Task Consume(ConsumeContext<ApplyCounterAction> context)
    {
        var m = context.Message;
        if (offices.Find(m.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{m.OfficeId}' does not exist."));
            return;
        }

        var counter = office.FindCounter(m.Counter);
        if (counter is null && !(m.Action == "unpark" && m.Counter.Length == 0))
        {
            await context.RespondAsync(Reject.NotFound("counter", $"Office '{office.Id}' has no counter '{m.Counter}'."));
            return;
        }

        if (StateActions.Contains(m.Action))
        {
            await ChangeStateAsync(context, counter!);
            return;
        }

        if (!TicketActions.Contains(m.Action))
        {
            await context.RespondAsync(Reject.BadRequest("action", $"Unknown action '{m.Action}'."));
            return;
        }

        var record = counter is null ? null : await store.GetAsync(office.Id, counter.Number);
        if (m.Action is "call-next" or "call" && record!.State != "open")
        {
            await context.RespondAsync(Reject.Conflict($"Counter {counter!.Number} is {record.State}; open it before calling."));
            return;
        }

        var response = await ticketing.GetResponse<TicketActionApplied, NoTicketWaiting, CommandRejected>(new ApplyTicketAction
        {
            CommandId = m.CommandId,
            OfficeId = office.Id,
            Action = m.Action,
            Counter = counter?.Number,
            Queues = counter?.Queues ?? [],
            Number = m.Number,
            TargetQueue = m.TargetQueue,
            StaffId = m.StaffId,
        }, context.CancellationToken, MessagingExtensions.RequestTimeout);

        if (response.Is(out Response<TicketActionApplied>? applied))
        {
            var ticket = applied.Message.Ticket;
            if (counter is not null)
            {
                var atCounter = ticket.Counter == counter.Number && ticket.State is "called" or "serving";
                await store.SetCurrentAsync(office.Id, counter.Number, atCounter ? ticket.TicketId : null, atCounter ? ticket.Number : null);
            }

            await AuditAsync(context, m.Action, counter?.Number ?? "", ticket.TicketId, ticket.Number, applied.Message.NextQueue is { } next ? $"next queue {next}" : m.TargetQueue);
            await context.RespondAsync(applied.Message);
        }
        else if (response.Is(out Response<NoTicketWaiting>? none))
        {
            await context.RespondAsync(none.Message);
        }
        else if (response.Is(out Response<CommandRejected>? rejected))
        {
            await context.RespondAsync(rejected.Message);
        }
    }

    private async Task ChangeStateAsync(ConsumeContext<ApplyCounterAction> context, ServiceDefaults.Offices.Counter counter)
    {
        var m = context.Message;
        var state = m.Action switch { "open" => "open", "pause" => "paused", _ => "closed" };
        var record = await store.GetAsync(m.OfficeId, counter.Number);
        if (state != "open" && record.CurrentTicketId is not null)
        {
            await context.RespondAsync(Reject.Conflict($"Ticket {record.CurrentNumber} is still at counter {counter.Number}: complete, return or park it first."));
            return;
        }

        var now = clock.GetUtcNow();
        if (record.State != state)
        {
            await store.SetStateAsync(m.OfficeId, counter.Number, state, m.StaffId, now);
        }

        await AuditAsync(context, m.Action, counter.Number, null, null, null);
        await context.Publish(new CounterStateChanged { OfficeId = m.OfficeId, Counter = counter.Number, State = state, Queues = counter.Queues, StaffId = m.StaffId, At = now });
        await context.RespondAsync(await CounterViews.StateAsync(store, m.OfficeId, counter));
    }

    private async Task AuditAsync(ConsumeContext<ApplyCounterAction> context, string action, string counter, string? ticketId, string? number, string? detail)
    {
        var m = context.Message;
        var record = new AuditRecord { At = clock.GetUtcNow(), StaffId = m.StaffId, Action = action, Counter = counter, TicketId = ticketId, Number = number, Detail = detail };
        await store.AppendAuditAsync(m.OfficeId, m.CommandId, record);
        await context.Publish(new StaffActionRecorded { OfficeId = m.OfficeId, Record = record });
    }
}
