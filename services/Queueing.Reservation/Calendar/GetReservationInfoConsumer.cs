using MassTransit;
using Queueing.Contracts.Reservations;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Reservation.Calendar;

/// <summary>Today's opening hours in office time and the procedures that can be booked (the booking calendar's basis).</summary>
public sealed class GetReservationInfoConsumer(OfficeCatalog offices, TimeProvider clock) : IConsumer<GetReservationInfo>
{
    public async Task Consume(ConsumeContext<GetReservationInfo> context)
    {
        if (offices.Find(context.Message.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{context.Message.OfficeId}' does not exist."));
            return;
        }

        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), office.Zone);
        var day = local.DayOfWeek.ToString()[..3];
        var hours = office.OpeningHours.FirstOrDefault(h => h.Days.Contains(day));
        await context.RespondAsync(new ReservationInfo
        {
            OfficeId = office.Id,
            Today = DateOnly.FromDateTime(local.DateTime),
            OpenToday = hours is not null,
            Opens = hours?.Open,
            Closes = hours?.Close,
            BookableProcedures = office.Procedures.Select(p => p.Code).OrderBy(c => c, StringComparer.Ordinal).ToList(),
        });
    }
}
