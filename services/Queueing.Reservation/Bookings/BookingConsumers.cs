using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Queueing.Contracts.Common;
using Queueing.Contracts.Reservations;
using Queueing.Contracts.Ticketing;
using Queueing.Reservation.Slots;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Reservation.Bookings;

/// <summary>Slots for a visit over a date range, with remaining capacity, crowd level and the quietest alternatives.</summary>
public sealed class GetAvailabilityConsumer(OfficeCatalog offices, BookingStore store, TimeProvider clock) : IConsumer<GetAvailability>
{
    public async Task Consume(ConsumeContext<GetAvailability> context)
    {
        var m = context.Message;
        if (BookingRules.Resolve(offices, m.OfficeId, m.Procedures, out var office, out var procedures) is { } rejected)
        {
            await context.RespondAsync(rejected);
            return;
        }

        var today = office!.LocalDate(clock.GetUtcNow());
        var days = Enumerable.Range(0, Math.Clamp(m.Days, 1, 31)).Select(m.From.AddDays)
            .Where(d => d >= today && d <= today.AddDays(office.Booking.DaysAhead)).ToList();
        var used = await store.UsedAsync(office, days);
        var need = SlotCalendar.Need(procedures!);
        var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), office.Zone).DateTime;

        var slots = new List<SlotAvailability>();
        foreach (var day in days)
        {
            foreach (var slot in SlotCalendar.Slots(office, day).Where(s => day.ToDateTime(s) > now))
            {
                var remaining = int.MaxValue;
                var crowd = 1;
                foreach (var (queue, minutes) in need)
                {
                    var booked = used.GetValueOrDefault($"{BookingStore.Day(day)}:{BookingStore.Hhmm(slot)}:{queue}");
                    remaining = Math.Min(remaining, (SlotCalendar.CapacityMinutes(office, queue) - booked) / minutes);
                    crowd = Math.Max(crowd, SlotCalendar.CrowdLevel(office, queue, slot, booked));
                }

                slots.Add(new SlotAvailability { Date = day, Time = slot.ToString("HH:mm", CultureInfo.InvariantCulture), Remaining = Math.Max(0, remaining), CrowdLevel = crowd });
            }
        }

        await context.RespondAsync(new Availability
        {
            OfficeId = office.Id,
            Procedures = procedures!.Select(p => p.Code).ToList(),
            Slots = slots,
            Quietest = slots.Where(s => s.Remaining > 0).OrderBy(s => s.CrowdLevel).ThenBy(s => s.Date).ThenBy(s => s.Time, StringComparer.Ordinal).Take(5).ToList(),
        });
    }
}

/// <summary>Books a slot atomically (never more than capacity); the same CommandId books once.</summary>
public sealed class BookVisitConsumer(OfficeCatalog offices, BookingStore store, RedisConnection redis, TimeProvider clock, ILogger<BookVisitConsumer> logger) : IConsumer<BookVisit>
{
    public async Task Consume(ConsumeContext<BookVisit> context)
    {
        var m = context.Message;
        if (BookingRules.Resolve(offices, m.OfficeId, m.Procedures, out var office, out var procedures) is { } rejected)
        {
            await context.RespondAsync(rejected);
            return;
        }

        if (!TimeOnly.TryParseExact(m.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ||
            !SlotCalendar.Slots(office!, m.Date).Contains(time))
        {
            await context.RespondAsync(Reject.BadRequest("time", $"{m.Date:yyyy-MM-dd} {m.Time} is not a bookable slot of office '{m.OfficeId}'."));
            return;
        }

        var now = clock.GetUtcNow();
        var today = office!.LocalDate(now);
        if (m.Date.ToDateTime(time) <= TimeZoneInfo.ConvertTime(now, office.Zone).DateTime || m.Date > today.AddDays(office.Booking.DaysAhead))
        {
            await context.RespondAsync(Reject.BadRequest("date", $"Book between now and {office.Booking.DaysAhead} days ahead."));
            return;
        }

        if (m.Email is { } email && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)))
        {
            await context.RespondAsync(Reject.BadRequest("email", "The e-mail address does not look right."));
            return;
        }

        var (code, full) = await store.BookAsync(office, m.CommandId, m.Date, time, procedures!, m.LineUserId, m.Email, now);
        if (code is null)
        {
            await context.RespondAsync(Reject.Conflict($"The {m.Time} slot on {m.Date:yyyy-MM-dd} is full (queue {full}). Please choose another time."));
            return;
        }

        logger.LogInformation("Booked {Code} for {Date} {Time}", code, m.Date, m.Time);
        await Reminders.ReminderScheduler.ScheduleAsync(redis, office, code, m.Date, time, now);
        await context.RespondAsync(BookingRules.View(office.Id, (await store.GetAsync(office.Id, code))!));
    }
}

/// <summary>Staff: a day's bookings by time (who has checked in, who has not).</summary>
public sealed class ListBookingsConsumer(OfficeCatalog offices, BookingStore store) : IConsumer<ListBookings>
{
    public async Task Consume(ConsumeContext<ListBookings> context)
    {
        if (offices.Find(context.Message.OfficeId) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{context.Message.OfficeId}' does not exist."));
            return;
        }

        var day = await store.DayAsync(office.Id, context.Message.Date);
        await context.RespondAsync(new BookingList { Bookings = day.Select(b => BookingRules.View(office.Id, b)).ToList() });
    }
}

public sealed class GetBookingConsumer(BookingStore store) : IConsumer<GetBooking>
{
    public async Task Consume(ConsumeContext<GetBooking> context)
    {
        var (office, booking) = await BookingRules.FindAsync(store, context.Message.Code);
        await (booking is null
            ? context.RespondAsync(Reject.NotFound("code", "No booking has this code."))
            : context.RespondAsync(BookingRules.View(office!, booking)));
    }
}

public sealed class CancelBookingConsumer(BookingStore store, RedisConnection redis) : IConsumer<CancelBooking>
{
    public async Task Consume(ConsumeContext<CancelBooking> context)
    {
        var (office, booking) = await BookingRules.FindAsync(store, context.Message.Code);
        if (booking is null)
        {
            await context.RespondAsync(Reject.NotFound("code", "No booking has this code."));
            return;
        }

        var result = await store.EndAsync(office!, context.Message.Code, "cancelled");
        if (result is not ("ok" or "cancelled"))
        {
            await context.RespondAsync(Reject.Conflict($"This booking is {result} and can no longer be cancelled."));
            return;
        }

        await Reminders.ReminderScheduler.CancelAsync(redis, office!, context.Message.Code);
        await context.RespondAsync(BookingRules.View(office!, (await store.GetAsync(office!, context.Message.Code))!));
    }
}

/// <summary>Moves a booking to another slot atomically: the old slot is released only if the new one was taken.</summary>
public sealed class RescheduleBookingConsumer(OfficeCatalog offices, BookingStore store, RedisConnection redis, TimeProvider clock) : IConsumer<RescheduleBooking>
{
    public async Task Consume(ConsumeContext<RescheduleBooking> context)
    {
        var m = context.Message;
        var (officeId, booking) = await BookingRules.FindAsync(store, m.Code);
        if (booking is null || offices.Find(officeId!) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("code", "No booking has this code."));
            return;
        }

        var now = clock.GetUtcNow();
        if (!TimeOnly.TryParseExact(m.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ||
            !SlotCalendar.Slots(office, m.Date).Contains(time) ||
            m.Date.ToDateTime(time) <= TimeZoneInfo.ConvertTime(now, office.Zone).DateTime ||
            m.Date > office.LocalDate(now).AddDays(office.Booking.DaysAhead))
        {
            await context.RespondAsync(Reject.BadRequest("time", $"{m.Date:yyyy-MM-dd} {m.Time} is not a bookable future slot."));
            return;
        }

        var procedures = booking["procedures"].Split(',').Select(code => office.FindProcedure(code)!).ToList();
        var result = await store.MoveAsync(office, m.Code, m.Date, time, procedures);
        if (result != "ok")
        {
            await context.RespondAsync(result == "full"
                ? Reject.Conflict($"The {m.Time} slot on {m.Date:yyyy-MM-dd} is full; your booking is unchanged.")
                : Reject.Conflict($"This booking is {result} and can no longer be moved."));
            return;
        }

        await Reminders.ReminderScheduler.CancelAsync(redis, office.Id, m.Code);
        await Reminders.ReminderScheduler.ScheduleAsync(redis, office, m.Code, m.Date, time, now);
        await store.ForgetAfterAsync(office, m.Code, m.Date);
        await context.RespondAsync(BookingRules.View(office.Id, (await store.GetAsync(office.Id, m.Code))!));
    }
}

/// <summary>
/// Turns a booking into a ticket on arrival: a priority ticket inside the window around the slot, a normal one
/// when late the same day. The ticket's CommandId comes from the code, so checking in twice is one ticket.
/// </summary>
public sealed class CheckInBookingConsumer(OfficeCatalog offices, BookingStore store, IRequestClient<IssueTicket> ticketing, TimeProvider clock) : IConsumer<CheckInBooking>
{
    public async Task Consume(ConsumeContext<CheckInBooking> context)
    {
        var (officeId, booking) = await BookingRules.FindAsync(store, context.Message.Code);
        if (booking is null || offices.Find(officeId!) is not { } office)
        {
            await context.RespondAsync(Reject.NotFound("code", "No booking has this code."));
            return;
        }

        if (booking["state"] is not ("confirmed" or "checked-in"))
        {
            await context.RespondAsync(Reject.Conflict($"This booking is {booking["state"]}."));
            return;
        }

        var slot = DateOnly.ParseExact(booking["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture)
            .ToDateTime(TimeOnly.ParseExact(booking["time"], "HHmm", CultureInfo.InvariantCulture));
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), office.Zone).DateTime;
        if (local < slot.AddMinutes(-office.Booking.CheckInEarlyMinutes))
        {
            await context.RespondAsync(Reject.Conflict(
                $"Check-in opens at {slot.AddMinutes(-office.Booking.CheckInEarlyMinutes):yyyy-MM-dd HH:mm} ({office.Booking.CheckInEarlyMinutes} minutes before your slot)."));
            return;
        }

        if (local.Date != slot.Date)
        {
            await context.RespondAsync(Reject.Conflict("This booking was for an earlier day."));
            return;
        }

        var priority = local <= slot.AddMinutes(office.Booking.CheckInLateMinutes) ? "booking" : "walkin";
        var procedures = booking["procedures"].Split(',');
        var (ticket, rejected) = (await ticketing.GetResponse<TicketIssued, CommandRejected>(new IssueTicket
        {
            CommandId = CheckInCommandId(office.Id, context.Message.Code),
            OfficeId = office.Id,
            Procedure = procedures[0],
            Procedures = procedures,
            Channel = "booking",
            Priority = booking.GetValueOrDefault("ticketPriority") is { Length: > 0 } earlier ? earlier : priority,
        }, context.CancellationToken, MessagingExtensions.RequestTimeout)).Split();
        if (rejected is not null)
        {
            await context.RespondAsync(rejected);
            return;
        }

        await store.SetFieldsAsync(office.Id, context.Message.Code,
            new HashEntry("ticketNumber", ticket!.Number), new HashEntry("ticketToken", ticket.Token),
            new HashEntry("ticketPriority", booking.GetValueOrDefault("ticketPriority") is { Length: > 0 } p ? p : priority));
        await store.EndAsync(office.Id, context.Message.Code, "checked-in");
        await context.RespondAsync(BookingRules.View(office.Id, (await store.GetAsync(office.Id, context.Message.Code))!));
    }

    private static Guid CheckInCommandId(string officeId, string code) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"check-in/{officeId}/{code}")).AsSpan(0, 16));
}

internal static class BookingRules
{
    public static CommandRejected? Resolve(OfficeCatalog offices, string officeId, IReadOnlyList<string> codes, out Office? office, out List<Procedure>? procedures)
    {
        procedures = null;
        office = offices.Find(officeId);
        if (office is null)
        {
            return Reject.NotFound("officeId", $"Office '{officeId}' does not exist.");
        }

        if (codes.Count is 0 or > 6 || codes.Distinct().Count() != codes.Count)
        {
            return Reject.BadRequest("procedures", "Choose one to six different procedures.");
        }

        procedures = [];
        foreach (var code in codes)
        {
            if (office.FindProcedure(code) is not { } procedure)
            {
                return Reject.BadRequest("procedures", $"Procedure '{code}' is not offered at office '{officeId}'.");
            }

            procedures.Add(procedure);
        }

        return null;
    }

    public static async Task<(string? OfficeId, IReadOnlyDictionary<string, string>? Booking)> FindAsync(BookingStore store, string code)
    {
        if (!BookingStore.LooksLikeCode(code) || await store.OfficeOfAsync(code) is not { } officeId)
        {
            return (null, null);
        }

        return (officeId, await store.GetAsync(officeId, code));
    }

    public static BookingView View(string officeId, IReadOnlyDictionary<string, string> b) => new()
    {
        Code = b["code"],
        OfficeId = officeId,
        Date = DateOnly.ParseExact(b["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Time = TimeOnly.ParseExact(b["time"], "HHmm", CultureInfo.InvariantCulture).ToString("HH:mm", CultureInfo.InvariantCulture),
        Procedures = b["procedures"].Split(','),
        State = b["state"],
        TicketNumber = b.GetValueOrDefault("ticketNumber"),
        TicketToken = b.GetValueOrDefault("ticketToken"),
        TicketPriority = b.GetValueOrDefault("ticketPriority"),
    };
}
