using Queueing.ServiceDefaults.Messaging;
using Queueing.Ticketing.Consumers;
using Queueing.Ticketing.Queues;
using Queueing.Ticketing.Tickets;

namespace Queueing.Ticketing;

public static class TicketingServiceExtensions
{
    public static IHostApplicationBuilder AddTicketing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TicketStore>();
        builder.Services.AddSingleton<QueueSnapshots>();
        builder.AddMessaging(x =>
        {
            x.AddConsumer<IssueTicketConsumer>();
            x.AddConsumer<CallNextTicketConsumer>();
            x.AddConsumer<CompleteTicketConsumer>();
            x.AddConsumer<GetTicketStatusConsumer>();
            x.AddConsumer<GetQueueStatusConsumer>();
            x.AddConsumer<CounterOpenedConsumer>();
        });
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests (<c>WebApplicationFactory&lt;TicketingApp&gt;</c>).</summary>
public sealed class TicketingApp;
