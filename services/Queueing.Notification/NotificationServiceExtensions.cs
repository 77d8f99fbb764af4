using Queueing.Notification.Consumers;
using Queueing.Notification.Deliveries;
using Queueing.Notification.Line;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Notification;

public static class NotificationServiceExtensions
{
    public static IHostApplicationBuilder AddNotification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LineOptions>().BindConfiguration("Line").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LineClient>();
        builder.Services.AddSingleton<DeliveryStore>();
        builder.Services.AddSingleton<MilestoneSender>();
        builder.AddMessaging(x =>
        {
            x.AddConsumer<LinkLineUserConsumer>();
            x.AddConsumer<TicketCalledConsumer>();
            x.AddConsumer<TurnApproachingConsumer>();
            x.AddConsumer<BookingReminderDueConsumer>();
        });
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class NotificationApp;
