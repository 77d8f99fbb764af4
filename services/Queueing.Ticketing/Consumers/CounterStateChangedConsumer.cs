using MassTransit;
using Queueing.Contracts.Counters;
using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Engine;
using Queueing.Ticketing.Queues;

namespace Queueing.Ticketing.Consumers;

/// <summary>Mirrors counters' states (open counters drive wait estimates; screens show them). Redelivery changes nothing.</summary>
public sealed class CounterStateChangedConsumer(OfficeCatalog offices, QueueEngine engine, ChangePublisher publisher) : IConsumer<CounterStateChanged>
{
    public async Task Consume(ConsumeContext<CounterStateChanged> context)
    {
        var m = context.Message;
        if (offices.Find(m.OfficeId) is not { } office)
        {
            throw new InvalidOperationException($"CounterStateChanged for unknown office '{m.OfficeId}'");
        }

        if (await engine.SetCounterAsync(office.Id, m.Counter, m.State, m.Queues) is not null)
        {
            await publisher.PublishSnapshotAsync(context, office);
        }
    }
}
