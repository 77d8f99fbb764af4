using Queueing.Contracts.Ticketing;
using Queueing.Counter.Consumers;
using Queueing.Counter.Counters;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Counter;

public static class CounterServiceExtensions
{
    public static IHostApplicationBuilder AddCounter(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CounterStore>();
        builder.AddMessaging(x =>
        {
            x.AddConsumer<ApplyCounterActionConsumer>();
            x.AddConsumer<GetCounterStateConsumer>();
            x.AddConsumer<GetCountersConsumer>();
            x.AddConsumer<GetAuditLogConsumer>();
            x.AddConsumer<StaffBookingActionConsumer>();
            x.AddRequestClient<ApplyTicketAction>(MessagingExtensions.RequestTimeout);
        });
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class CounterApp;
