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
public sealed class GetAvailabilityConsumer(OfficeCatalog offices, BookingStore store, Forecast.WalkInHistory history, TimeProvider clock) : IConsumer<GetAvailability>
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
        var walkIns = await history.ForecastAsync(office, today, days.Select(d => d.DayOfWeek));
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
                    crowd = Math.Max(crowd, SlotCalendar.CrowdLevel(office, queue, booked, walkIns(day.DayOfWeek, queue, slot.Hour)));
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

/// <summary>
/// Books a slot atomically (never more than capacity); the same CommandId books once. Publishes BookingConfirmed
/// (and, when staff booked for a resident, the audit record); a redelivered command publishes them again.
/// </summary>
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

        if (!BookingPublications.Languages.Contains(m.Language))
        {
            await context.RespondAsync(Reject.BadRequest("language", $"Messages can be sent in {string.Join(", ", BookingPublications.Languages)}."));
            return;
        }

        var staffId = string.IsNullOrWhiteSpace(m.StaffId) ? null : m.StaffId;
        var (code, full, existing) = await store.BookAsync(office, m.CommandId, m.Date, time, procedures!, new NewBooking(m.LineUserId, m.Email, m.Language, staffId), now);
        if (code is null)
        {
            await context.RespondAsync(Reject.Conflict($"The {m.Time} slot on {m.Date:yyyy-MM-dd} is full (queue {full}). Please choose another time."));
            return;
        }

        if (await store.GetAsync(office.Id, code) is not { } booking)
        {
            await context.RespondAsync(Reject.NotFound("code", "This booking has already ended and been deleted."));
            return;
        }

        // A redelivered command finds its booking as it is now (maybe moved or cancelled since): reminders and
        // the confirmation follow the stored booking, never the command.
        if (booking["state"] == "confirmed")
        {
            var (date, at) = BookingRules.Slot(booking);
            await Reminders.ReminderScheduler.ScheduleAsync(redis, office, code, date, at, now);
            await context.Publish(BookingPublications.Confirmed(office.Id, booking, now));
        }

        await BookingPublications.PublishStaffActionAsync(context, office.Id, booking, BookingRules.Optional(booking, "bookedBy"), "book-visit", m.CommandId, now, context.CancellationToken);
        if (!existing)
        {
            logger.LogInformation("Booked {Code} for {Date} {Time}{By}", code, m.Date, m.Time, staffId is null ? "" : $" by staff {staffId}");
        }

        await context.RespondAsync(BookingRules.View(office.Id, booking));
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

/// <summary>
/// Cancels a booking (the resident, or staff on their behalf) and releases its capacity; publishes BookingCancelled
/// and, for staff, the audit record. Cancelling again answers the same and publishes the same facts again.
/// </summary>
public sealed class CancelBookingConsumer(BookingStore store, RedisConnection redis, TimeProvider clock) : IConsumer<CancelBooking>
{
    public async Task Consume(ConsumeContext<CancelBooking> context)
    {
        var m = context.Message;
        var (office, booking) = await BookingRules.FindAsync(store, m.Code);
        if (booking is null)
        {
            await context.RespondAsync(Reject.NotFound("code", "No booking has this code."));
            return;
        }

        var staffId = string.IsNullOrWhiteSpace(m.StaffId) ? null : m.StaffId;
        var result = await store.EndAsync(office!, m.Code, "cancelled", staffId is null ? "resident" : "staff", staffId);
        if (result is not ("ok" or "cancelled"))
        {
            await context.RespondAsync(Reject.Conflict($"This booking is {result} and can no longer be cancelled."));
            return;
        }

        await Reminders.ReminderScheduler.CancelAsync(redis, office!, m.Code);
        var cancelled = (await store.GetAsync(office!, m.Code))!;
        var now = clock.GetUtcNow();
        await context.Publish(BookingPublications.Cancelled(office!, cancelled, now));
        await BookingPublications.PublishStaffActionAsync(context, office!, cancelled, BookingRules.Optional(cancelled, "endedBy"), "cancel-booking",
            BookingPublications.DerivedCommandId(office!, m.Code, "cancel"), now, context.CancellationToken);
        await context.RespondAsync(BookingRules.View(office!, cancelled));
    }
}

/// <summary>
/// Moves a booking to another slot atomically: the old slot is released only if the new one was taken. Publishes
/// BookingRescheduled (and the staff audit record) once per move; a repeated move to the same slot publishes the
/// last move again.
/// </summary>
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
        var staffId = string.IsNullOrWhiteSpace(m.StaffId) ? null : m.StaffId;
        var result = await store.MoveAsync(office, m.Code, m.Date, time, procedures, staffId);
        if (result is not ("ok" or "same"))
        {
            await context.RespondAsync(result == "full"
                ? Reject.Conflict($"The {m.Time} slot on {m.Date:yyyy-MM-dd} is full; your booking is unchanged.")
                : Reject.Conflict($"This booking is {result} and can no longer be moved."));
            return;
        }

        await Reminders.ReminderScheduler.CancelAsync(redis, office.Id, m.Code);
        await Reminders.ReminderScheduler.ScheduleAsync(redis, office, m.Code, m.Date, time, now);
        await store.ForgetAfterAsync(office, m.Code, m.Date);
        var moved = (await store.GetAsync(office.Id, m.Code))!;
        if (moved.ContainsKey("prevDate"))
        {
            // "same" on a booking never moved is a no-op; otherwise it may be a redelivery of the last move.
            await context.Publish(BookingPublications.Rescheduled(office.Id, moved, now));
            await BookingPublications.PublishStaffActionAsync(context, office.Id, moved, BookingRules.Optional(moved, "movedBy"), "move-booking",
                BookingPublications.DerivedCommandId(office.Id, m.Code, $"move/{moved["moves"]}"), now, context.CancellationToken);
        }

        await context.RespondAsync(BookingRules.View(office.Id, moved));
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
        await store.EndAsync(office.Id, context.Message.Code, "checked-in", "checked-in");
        var checkedIn = (await store.GetAsync(office.Id, context.Message.Code))!;

        // The contacts now follow the ticket (Notification links them); checking in again publishes the same again.
        await context.Publish(BookingPublications.CheckedIn(office.Id, checkedIn, ticket.TicketId, clock.GetUtcNow()));
        await context.RespondAsync(BookingRules.View(office.Id, checkedIn));
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

    public static string? Optional(IReadOnlyDictionary<string, string> b, string field) => b.GetValueOrDefault(field) is { Length: > 0 } v ? v : null;

    /// <summary>The slot a stored booking is at now.</summary>
    public static (DateOnly Date, TimeOnly Time) Slot(IReadOnlyDictionary<string, string> b) =>
        (DateOnly.ParseExact(b["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeOnly.ParseExact(b["time"], "HHmm", CultureInfo.InvariantCulture));

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
