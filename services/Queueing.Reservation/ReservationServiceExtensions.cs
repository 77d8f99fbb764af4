using Queueing.Contracts.Ticketing;
using Queueing.Reservation.Bookings;
using Queueing.Reservation.Calendar;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Reservation;

public static class ReservationServiceExtensions
{
    public static IHostApplicationBuilder AddReservation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BookingStore>();
        builder.Services.AddSingleton<Forecast.WalkInHistory>();
        builder.Services.AddSingleton<Reminders.ReminderScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Reminders.ReminderScheduler>());
        builder.AddMessaging(x =>
        {
            x.AddConsumer<GetReservationInfoConsumer>();
            x.AddConsumer<GetAvailabilityConsumer>();
            x.AddConsumer<BookVisitConsumer>();
            x.AddConsumer<GetBookingConsumer>();
            x.AddConsumer<CancelBookingConsumer>();
            x.AddConsumer<CheckInBookingConsumer>();
            x.AddConsumer<RescheduleBookingConsumer>();
            x.AddConsumer<ListBookingsConsumer>();
            x.AddConsumer<Forecast.WalkInHistoryConsumer>();
            x.AddRequestClient<IssueTicket>(MessagingExtensions.RequestTimeout);
        });
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class ReservationApp;
