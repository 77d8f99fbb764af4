using Queueing.Reservation.Calendar;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Reservation;

public static class ReservationServiceExtensions
{
    public static IHostApplicationBuilder AddReservation(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging(x => x.AddConsumer<GetReservationInfoConsumer>());
        return builder;
    }
}

/// <summary>Marker for hosting this service in tests.</summary>
public sealed class ReservationApp;
