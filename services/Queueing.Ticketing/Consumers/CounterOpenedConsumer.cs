using MassTransit;
using Queueing.Contracts.Counters;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing.Consumers;

/// <summary>Keeps Ticketing's count of open counters per queue (wait estimates). Redelivery changes nothing.</summary>
public sealed class CounterOpenedConsumer(OfficeCatalog offices, TicketStore store, QueueSnapshots snapshots) : IConsumer<CounterOpened>
{
    public async Task Consume(ConsumeContext<CounterOpened> context)
    {
        if (offices.Find(context.Message.OfficeId) is not { } office)
        {
            throw new InvalidOperationException($"CounterOpened for unknown office '{context.Message.OfficeId}'");
        }

        if (await store.SetCounterOpenAsync(office.Id, context.Message.Counter, context.Message.Queues) is not null)
        {
            await context.Publish(await snapshots.ReadAsync(office));
        }
    }
}
