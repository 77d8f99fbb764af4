using MassTransit;
using Queueing.Contracts.Counters;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Reservations;
using Queueing.Gateway.Bookings;
using Queueing.Contracts.Ticketing;
using Queueing.Gateway.Counters;
using Queueing.Gateway.Live;
using Queueing.Gateway.Notifications;
using Queueing.Gateway.Offices;
using Queueing.Gateway.Staff;
using Queueing.Gateway.Tickets;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Gateway;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddStaffAuthentication();
        builder.Services.AddOpenApi();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<LiveState>();
        builder.AddMessaging(x =>
        {
            // Every gateway instance must see every snapshot: a temporary queue of its own, not a shared one.
            x.AddConsumer<QueueStatusChangedConsumer>().Endpoint(e =>
            {
                e.Temporary = true;
                e.InstanceId = $"-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40].ToLowerInvariant();
            });
            x.AddRequestClient<IssueTicket>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetTicketStatus>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetQueueStatus>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<ApplyTicketAction>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<ListTickets>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<ApplyCounterAction>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetCounterState>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetCounters>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetAuditLog>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<LinkLineUser>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetDeliveryLog>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetAvailability>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<BookVisit>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<GetBooking>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<CancelBooking>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<CheckInBooking>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<RescheduleBooking>(MessagingExtensions.RequestTimeout);
            x.AddRequestClient<ListBookings>(MessagingExtensions.RequestTimeout);
        });
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapStaffApi();
        app.MapOfficesApi();
        app.MapTicketsApi();
        app.MapCountersApi();
        app.MapBookingsApi();
        app.MapNotificationsApi();
        app.MapStaffBookingsApi();
        app.MapHub<QueueHub>("/hubs/queue");
        return app;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class GatewayApp;
