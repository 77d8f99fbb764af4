using MassTransit;
using Queueing.Contracts.Common;
using Queueing.Contracts.Counters;
using Queueing.Contracts.Ticketing;
using Queueing.Counter.Counters;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Counter.Consumers;

/// <summary>Opens a counter (idempotent: opening an open counter changes nothing) and tells Ticketing.</summary>
public sealed class OpenCounterConsumer(OfficeCatalog offices, CounterStore store, TimeProvider clock) : IConsumer<OpenCounter>
{
    public async Task Consume(ConsumeContext<OpenCounter> context)
    {
        var command = context.Message;
        if (CounterLookup.Find(offices, command.OfficeId, command.Counter, out var rejected) is not { } counter)
        {
            await context.RespondAsync(rejected!);
            return;
        }

        var now = clock.GetUtcNow();
        await store.OpenAsync(command.OfficeId, counter.Number, command.StaffId, now);
        await store.AppendAuditAsync(command.OfficeId, new AuditEntry(command.StaffId, "open", counter.Number, null, now, command.CommandId));
        await context.Publish(new CounterOpened { OfficeId = command.OfficeId, Counter = counter.Number, Queues = counter.Queues, StaffId = command.StaffId, At = now });
        await context.Publish(new StaffActionRecorded { OfficeId = command.OfficeId, StaffId = command.StaffId, Action = "open", Counter = counter.Number, At = now });
        await context.RespondAsync(await CounterLookup.StateAsync(store, command.OfficeId, counter));
    }
}

/// <summary>
/// Calls the next resident: checks the counter is open, then asks Ticketing (which picks atomically) with the
/// same CommandId, so a retried call returns the same ticket.
/// </summary>
public sealed class CallNextConsumer(OfficeCatalog offices, CounterStore store, IRequestClient<CallNextTicket> ticketing, TimeProvider clock)
    : IConsumer<CallNext>
{
    public async Task Consume(ConsumeContext<CallNext> context)
    {
        var command = context.Message;
        if (CounterLookup.Find(offices, command.OfficeId, command.Counter, out var rejected) is not { } counter)
        {
            await context.RespondAsync(rejected!);
            return;
        }

        var state = await store.GetAsync(command.OfficeId, counter.Number);
        if (state.State != "open")
        {
            await context.RespondAsync(Reject.Conflict($"Counter {counter.Number} is {state.State}; open it before calling."));
            return;
        }

        var response = await ticketing.GetResponse<TicketCalled, NoTicketWaiting, CommandRejected>(
            new CallNextTicket { CommandId = command.CommandId, OfficeId = command.OfficeId, Counter = counter.Number, Queues = counter.Queues },
            context.CancellationToken, MessagingExtensions.RequestTimeout);

        var now = clock.GetUtcNow();
        if (response.Is(out Response<TicketCalled>? called))
        {
            await store.SetCurrentAsync(command.OfficeId, counter.Number, called.Message.TicketId, called.Message.Number);
            await store.AppendAuditAsync(command.OfficeId, new AuditEntry(command.StaffId, "call-next", counter.Number, called.Message.TicketId, now, command.CommandId));
            await context.Publish(new StaffActionRecorded { OfficeId = command.OfficeId, StaffId = command.StaffId, Action = "call-next", Counter = counter.Number, TicketId = called.Message.TicketId, At = now });
            await context.RespondAsync(called.Message);
        }
        else if (response.Is(out Response<NoTicketWaiting>? none))
        {
            await store.SetCurrentAsync(command.OfficeId, counter.Number, null, null);
            await store.AppendAuditAsync(command.OfficeId, new AuditEntry(command.StaffId, "call-next:none", counter.Number, null, now, command.CommandId));
            await context.RespondAsync(none.Message);
        }
        else if (response.Is(out Response<CommandRejected>? failed))
        {
            await context.RespondAsync(failed.Message);
        }
    }
}

/// <summary>Completes the resident at the counter (409 from Ticketing when nobody is called there).</summary>
public sealed class CompleteCurrentConsumer(OfficeCatalog offices, CounterStore store, IRequestClient<CompleteTicket> ticketing, TimeProvider clock)
    : IConsumer<CompleteCurrent>
{
    public async Task Consume(ConsumeContext<CompleteCurrent> context)
    {
        var command = context.Message;
        if (CounterLookup.Find(offices, command.OfficeId, command.Counter, out var rejected) is not { } counter)
        {
            await context.RespondAsync(rejected!);
            return;
        }

        var response = await ticketing.GetResponse<TicketCompleted, CommandRejected>(
            new CompleteTicket { CommandId = command.CommandId, OfficeId = command.OfficeId, Counter = counter.Number },
            context.CancellationToken, MessagingExtensions.RequestTimeout);

        if (response.Is(out Response<TicketCompleted>? completed))
        {
            var now = clock.GetUtcNow();
            await store.SetCurrentAsync(command.OfficeId, counter.Number, null, null);
            await store.AppendAuditAsync(command.OfficeId, new AuditEntry(command.StaffId, "complete", counter.Number, completed.Message.TicketId, now, command.CommandId));
            await context.Publish(new StaffActionRecorded { OfficeId = command.OfficeId, StaffId = command.StaffId, Action = "complete", Counter = counter.Number, TicketId = completed.Message.TicketId, At = now });
            await context.RespondAsync(completed.Message);
        }
        else if (response.Is(out Response<CommandRejected>? failed))
        {
            await context.RespondAsync(failed.Message);
        }
    }
}

/// <summary>Answers a counter's state (staff console).</summary>
public sealed class GetCounterStateConsumer(OfficeCatalog offices, CounterStore store) : IConsumer<GetCounterState>
{
    public async Task Consume(ConsumeContext<GetCounterState> context)
    {
        if (CounterLookup.Find(offices, context.Message.OfficeId, context.Message.Counter, out var rejected) is not { } counter)
        {
            await context.RespondAsync(rejected!);
            return;
        }

        await context.RespondAsync(await CounterLookup.StateAsync(store, context.Message.OfficeId, counter));
    }
}

internal static class CounterLookup
{
    public static ServiceDefaults.Offices.Counter? Find(OfficeCatalog offices, string officeId, string number, out CommandRejected? rejected)
    {
        rejected = null;
        if (offices.Find(officeId) is not { } office)
        {
            rejected = Reject.NotFound("officeId", $"Office '{officeId}' does not exist.");
            return null;
        }

        if (office.FindCounter(number) is not { } counter)
        {
            rejected = Reject.NotFound("counter", $"Office '{officeId}' has no counter '{number}'.");
            return null;
        }

        return counter;
    }

    public static async Task<CounterState> StateAsync(CounterStore store, string officeId, ServiceDefaults.Offices.Counter counter)
    {
        var record = await store.GetAsync(officeId, counter.Number);
        return new CounterState
        {
            OfficeId = officeId,
            Counter = counter.Number,
            State = record.State,
            Queues = counter.Queues,
            CurrentTicketId = record.CurrentTicketId,
            CurrentNumber = record.CurrentNumber,
        };
    }
}
