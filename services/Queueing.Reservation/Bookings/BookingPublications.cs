using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Queueing.Contracts.Reservations;

namespace Queueing.Reservation.Bookings;

/// <summary>
/// The events a booking's changes publish, built from the stored booking so a redelivered command publishes the
/// same facts again (consumers deduplicate): confirmed, rescheduled, cancelled (resident, staff, no-show),
/// checked in, and the audit record of every staff action (once per command id in Counter's log).
/// </summary>
public static class BookingPublications
{
    public static readonly string[] Languages = ["ja", "en", "zh", "ko"];

    public static BookingConfirmed Confirmed(string officeId, IReadOnlyDictionary<string, string> b, DateTimeOffset at) =>
        Fill(new BookingConfirmed { OfficeId = officeId, Code = b["code"], Date = Date(b["date"]), Time = Time(b["time"]), Procedures = Procedures(b), At = at }, b,
            Optional(b, "bookedBy"));

    public static BookingRescheduled Rescheduled(string officeId, IReadOnlyDictionary<string, string> b, DateTimeOffset at) =>
        Fill(new BookingRescheduled
        {
            OfficeId = officeId, Code = b["code"], Date = Date(b["date"]), Time = Time(b["time"]), Procedures = Procedures(b), At = at,
            PreviousDate = Date(b["prevDate"]), PreviousTime = Time(b["prevTime"]),
        }, b, Optional(b, "movedBy"));

    public static BookingCancelled Cancelled(string officeId, IReadOnlyDictionary<string, string> b, DateTimeOffset at) =>
        Fill(new BookingCancelled
        {
            OfficeId = officeId, Code = b["code"], Date = Date(b["date"]), Time = Time(b["time"]), Procedures = Procedures(b), At = at,
            Reason = Optional(b, "endReason") ?? (b["state"] == "no-show" ? "no-show" : "resident"),
        }, b, Optional(b, "endedBy"));

    public static BookingCheckedIn CheckedIn(string officeId, IReadOnlyDictionary<string, string> b, string ticketId, DateTimeOffset at) =>
        Fill(new BookingCheckedIn
        {
            OfficeId = officeId, Code = b["code"], Date = Date(b["date"]), Time = Time(b["time"]), Procedures = Procedures(b), At = at,
            TicketId = ticketId, TicketNumber = b["ticketNumber"], TicketToken = b["ticketToken"],
        }, b, null);

    /// <summary>The audit record of a staff action; its id is derived from what it did, so a redelivery records it once.</summary>
    public static StaffBookingActionTaken StaffAction(string officeId, IReadOnlyDictionary<string, string> b, string staffId, string action, Guid commandId, DateTimeOffset at) => new()
    {
        CommandId = commandId,
        OfficeId = officeId,
        StaffId = staffId,
        Action = action,
        Code = b["code"],
        Detail = action == "move-booking"
            ? $"{b["prevDate"]} {Time(b["prevTime"])} → {b["date"]} {Time(b["time"])} {b["procedures"]}"
            : $"{b["date"]} {Time(b["time"])} {b["procedures"]}",
        At = at,
    };

    /// <summary>A stable command id for an action that happens at most once per booking (a cancel) or per move number.</summary>
    public static Guid DerivedCommandId(string officeId, string code, string what) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{what}/{officeId}/{code}")).AsSpan(0, 16));

    /// <summary>Publishes a booking's staff audit record when staff acted.</summary>
    public static Task PublishStaffActionAsync(IPublishEndpoint bus, string officeId, IReadOnlyDictionary<string, string> b, string? staffId, string action, Guid commandId,
        DateTimeOffset at, CancellationToken ct) =>
        staffId is null ? Task.CompletedTask : bus.Publish(StaffAction(officeId, b, staffId, action, commandId, at), ct);

    private static T Fill<T>(T e, IReadOnlyDictionary<string, string> b, string? staffId) where T : BookingEvent => e with
    {
        LineUserId = Optional(b, "lineUserId"),
        Email = Optional(b, "email"),
        Language = Optional(b, "language") ?? "ja",
        StaffId = staffId,
    };

    private static string? Optional(IReadOnlyDictionary<string, string> b, string field) => b.GetValueOrDefault(field) is { Length: > 0 } v ? v : null;

    private static DateOnly Date(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(string hhmm) => TimeOnly.ParseExact(hhmm, "HHmm", CultureInfo.InvariantCulture).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Procedures(IReadOnlyDictionary<string, string> b) => b["procedures"].Split(',');
}
