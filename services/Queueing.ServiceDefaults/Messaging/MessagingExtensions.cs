using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Queueing.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>Request timeout for service-to-service requests over RabbitMQ.</summary>
    public static readonly RequestTimeout RequestTimeout = RequestTimeout.After(s: 15);

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI), kebab-case queue per
    /// consumer, short retries then the <c>_error</c> queue. The service registers its consumers in <paramref name="configure"/>.
    /// </summary>
    /// <param name="retry">The consumers' retry policy; by default 5 quick exponential retries (50 ms to 2 s).</param>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configure, Action<IRetryConfigurator>? retry = null)
    {
        var uri = builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is required (an amqp:// URI)");

        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            configure(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(uri), h =>
                {
                    h.Heartbeat(TimeSpan.FromSeconds(10));
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(10));
                });
                // MassTransit's default is 2 × cores (4 here): a consumer mostly awaits Redis and the broker, so more
                // messages in flight per queue keep both cores busy (every consumer is atomic and idempotent).
                cfg.PrefetchCount = builder.Configuration.GetValue("Messaging:PrefetchCount", 32);
                cfg.UseMessageRetry(retry ?? (r => r.Exponential(5, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(100))));
                cfg.ConfigureEndpoints(context);
            });
        });

        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }
}
