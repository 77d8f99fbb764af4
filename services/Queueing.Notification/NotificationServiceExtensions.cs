using MassTransit;
using Queueing.Contracts.Reservations;
using Queueing.Contracts.Ticketing;
using Queueing.Notification.Consumers;
using Queueing.Notification.Deliveries;
using Queueing.Notification.Email;
using Queueing.Notification.Line;
using Queueing.Notification.Texts;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Notification;

public static class NotificationServiceExtensions
{
    public static IHostApplicationBuilder AddNotification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LineOptions>().BindConfiguration("Line").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EmailOptions>().BindConfiguration("Email").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration("Notifications").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LineClient>();
        builder.Services.AddSingleton<EmailSender>();
        builder.Services.AddSingleton<MessageCatalog>();
        builder.Services.AddSingleton<DeliveryStore>();
        builder.Services.AddSingleton<Links>();
        builder.Services.AddSingleton<DeliveryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        builder.Services.AddSingleton<Notifier>();
        builder.AddMessaging(x =>
        {
            x.AddConsumer<LinkLineUserConsumer>();
            x.AddConsumer<TicketCalledConsumer>();
            x.AddConsumer<TurnApproachingConsumer>();
            x.AddConsumer<TicketNoShowConsumer>();
            x.AddConsumer<TicketCompletedConsumer>();
            x.AddConsumer<BookingEventsConsumer>();
            x.AddConsumer<BookingReminderDueConsumer>();
            x.AddConsumer<BookingCheckedInConsumer>();
            x.AddConsumer<LineWebhookConsumer>();
            x.AddConsumer<GetDeliveryLogConsumer>();
            x.AddRequestClient<GetTicketStatus>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetBooking>(MessagingExtensions.RequestTimeout);
        },
        // An event that cannot be handled (Redis failing over, Ticketing restarting during a link) is retried for about
        // two minutes before it goes to the error queue, so a short outage does not cost a resident their message.
        retry: r => r.Intervals(200, 1_000, 5_000, 15_000, 30_000, 60_000));
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class NotificationApp;
