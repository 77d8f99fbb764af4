using Queueing.ServiceDefaults.Messaging;
using Queueing.Ticketing.Consumers;
using Queueing.Ticketing.Engine;
using Queueing.Ticketing.Queues;

namespace Queueing.Ticketing;

public static class TicketingServiceExtensions
{
    public static IHostApplicationBuilder AddTicketing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QueueEngine>();
        builder.Services.AddSingleton<QueueSnapshots>();
        builder.Services.AddSingleton<ChangePublisher>();
        builder.Services.AddHostedService<DayRollover>();
        builder.AddMessaging(x =>
        {
            x.AddConsumer<IssueTicketConsumer>();
            x.AddConsumer<ApplyTicketActionConsumer>();
            x.AddConsumer<GetTicketStatusConsumer>();
            x.AddConsumer<GetQueueStatusConsumer>();
            x.AddConsumer<ListTicketsConsumer>();
            x.AddConsumer<CounterStateChangedConsumer>();
        });
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests (<c>WebApplicationFactory&lt;TicketingApp&gt;</c>).</summary>
public sealed class TicketingApp;
