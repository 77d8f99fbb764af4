using MassTransit;
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
            x.AddConsumer<OpenCounterConsumer>();
            x.AddConsumer<CallNextConsumer>();
            x.AddConsumer<CompleteCurrentConsumer>();
            x.AddConsumer<GetCounterStateConsumer>();
            x.AddRequestClient<CallNextTicket>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<CompleteTicket>(MessagingExtensions.RequestTimeout);
        });
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class CounterApp;
