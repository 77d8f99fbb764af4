using MassTransit;
using Queueing.Contracts.Counters;
using Queueing.Counter.Counters;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Counter.Consumers;

/// <summary>Answers one counter's state (staff console).</summary>
public sealed class GetCounterStateConsumer(OfficeCatalog offices, CounterStore store) : IConsumer<GetCounterState>
{
    public async Task Consume(ConsumeContext<GetCounterState> context)
    {
        var m = context.Message;
        if (offices.Find(m.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{m.OfficeId}' does not exist."));
            return;
        }

        if (office.FindCounter(m.Counter) is not { } counter)
        {
            await context.RespondAsync(Reject.NotFound("counter", $"Office '{m.OfficeId}' has no counter '{m.Counter}'."));
            return;
        }

        await context.RespondAsync(await CounterViews.StateAsync(store, office.Id, counter));
    }
}

/// <summary>Answers every counter's state (supervisor board).</summary>
public sealed class GetCountersConsumer(OfficeCatalog offices, CounterStore store) : IConsumer<GetCounters>
{
    public async Task Consume(ConsumeContext<GetCounters> context)
    {
        if (offices.Find(context.Message.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{context.Message.OfficeId}' does not exist."));
            return;
        }

        var states = new List<CounterState>();
        foreach (var counter in office.Counters)
        {
            states.Add(await CounterViews.StateAsync(store, office.Id, counter));
        }

        await context.RespondAsync(new CounterList { Counters = states });
    }
}

/// <summary>Answers the newest staff actions (supervisors read them).</summary>
public sealed class GetAuditLogConsumer(OfficeCatalog offices, CounterStore store) : IConsumer<GetAuditLog>
{
    public async Task Consume(ConsumeContext<GetAuditLog> context)
    {
        if (offices.Find(context.Message.OfficeId) is null)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{context.Message.OfficeId}' does not exist."));
            return;
        }

        var limit = Math.Clamp(context.Message.Limit, 1, 1000);
        await context.RespondAsync(new AuditLog { Entries = await store.ReadAuditAsync(context.Message.OfficeId, limit) });
    }
}

internal static class CounterViews
{
    public static async Task<CounterState> StateAsync(CounterStore store, string officeId, ServiceDefaults.Offices.Counter counter)
    {
        var record = await store.GetAsync(officeId, counter.Number);
        return new CounterState
        {
            OfficeId = officeId,
            Counter = counter.Number,
            State = record.State,
            Queues = counter.Queues,
            StaffId = record.StaffId,
            CurrentTicketId = record.CurrentTicketId,
            CurrentNumber = record.CurrentNumber,
        };
    }
}
