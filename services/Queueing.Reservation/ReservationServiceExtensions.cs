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
        builder.AddMessaging(x =>
        {
            x.AddConsumer<GetReservationInfoConsumer>();
            x.AddConsumer<GetAvailabilityConsumer>();
            x.AddConsumer<BookVisitConsumer>();
            x.AddConsumer<GetBookingConsumer>();
            x.AddConsumer<CancelBookingConsumer>();
            x.AddConsumer<CheckInBookingConsumer>();
            x.AddRequestClient<IssueTicket>(MessagingExtensions.RequestTimeout);
        });
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class ReservationApp;
