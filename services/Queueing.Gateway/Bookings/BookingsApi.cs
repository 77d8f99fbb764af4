using System.Globalization;
using System.Text;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using Queueing.Contracts.Common;
using Queueing.Contracts.Reservations;
using Queueing.Gateway.Http;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Gateway.Bookings;

public sealed record BookRequest(IReadOnlyList<string>? Procedures, string? Date, string? Time, string? LineUserId, string? Email, string? Language = null);

public sealed record BookingResponse(string Code, string OfficeId, DateOnly Date, string Time, IReadOnlyList<string> Procedures, string State,
    string? TicketNumber, string? TicketStatusUrl, string? TicketPriority, string ManageUrl, string CalendarUrl, string QrUrl);

/// <summary>Booking a visit: availability with crowd levels, book, read, cancel, check in (code or QR), calendar file.</summary>
public static class BookingsApi
{
    public static IEndpointRouteBuilder MapBookingsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/offices/{officeId}/availability", GetAvailability).WithTags("Bookings").WithName("GetAvailability")
            .WithSummary("Slots for ?procedures=a,b from ?from=yyyy-MM-dd for ?days=N: remaining capacity, crowd level 1-5, the quietest alternatives.");
        app.MapPost("/api/offices/{officeId}/bookings", Book).WithTags("Bookings").WithName("BookVisit")
            .WithSummary("Book a slot (send Idempotency-Key: a repeated request books once). 409 when full.");
        var booking = app.MapGroup("/api/bookings/{code}").WithTags("Bookings");
        booking.MapGet("", Get).WithName("GetBooking");
        booking.MapDelete("", Cancel).WithName("CancelBooking").WithSummary("Cancel; the capacity is released.");
        booking.MapPost("/reschedule", Reschedule).WithName("RescheduleBooking")
            .WithSummary("Move to another slot {\"date\",\"time\"}: the old slot is released only if the new one is taken.");
        booking.MapPost("/check-in", CheckIn).WithName("CheckIn")
            .WithSummary("On arrival: a priority ticket inside the window around the slot, a normal one when late; 409 when too early.");
        booking.MapGet("/calendar.ics", Calendar).WithName("GetBookingCalendar").WithSummary("The visit as an iCalendar file.");
        booking.MapGet("/qr.svg", Qr).WithName("GetBookingQrCode").WithSummary("QR code of the booking code, for check-in at the kiosk.");
        return app;
    }

    private static async Task<Results<Ok<Availability>, ProblemHttpResult>> GetAvailability(
        string officeId, string? procedures, string? from, int? days, IRequestClient<GetAvailability> client, TimeProvider clock, OfficeCatalog offices, CancellationToken ct)
    {
        var codes = (procedures ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (codes.Length == 0)
        {
            return Problems.BadRequest("procedures", "Which procedures? e.g. ?procedures=juminhyo,tennyu");
        }

        DateOnly start;
        if (from is null)
        {
            start = offices.LocalDate(officeId, clock.GetUtcNow());
        }
        else if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            return Problems.BadRequest("from", "Dates look like 2026-12-01.");
        }

        if (days is < 1 or > 31)
        {
            return Problems.BadRequest("days", "Between 1 and 31 days.");
        }

        var (availability, rejected) = (await client.GetResponse<Availability, CommandRejected>(
            new GetAvailability { OfficeId = officeId, Procedures = codes, From = start, Days = days ?? 7 }, ct)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(availability!);
    }

    private static async Task<Results<Created<BookingResponse>, ProblemHttpResult>> Book(
        string officeId, BookRequest? body, HttpContext http, IRequestClient<BookVisit> client, IConfiguration config)
    {
        if (body?.Procedures is not { Count: > 0 } procedures)
        {
            return Problems.BadRequest("procedures", "Choose at least one procedure.");
        }

        if (!DateOnly.TryParseExact(body.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problems.BadRequest("date", "'date' looks like 2026-12-01.");
        }

        if (string.IsNullOrWhiteSpace(body.Time))
        {
            return Problems.BadRequest("time", "'time' looks like 10:30.");
        }

        if (body.LineUserId is { } line && !Tickets.TicketsApi.IsLineUserId(line))
        {
            return Problems.BadRequest("lineUserId", "A LINE user id starts with 'U' followed by 32 hexadecimal characters.");
        }

        if (!TryLanguage(body.Language, out var language, out var badLanguage))
        {
            return badLanguage!;
        }

        if (!CommandIds.TryGet(http, $"book/{officeId}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new BookVisit
        {
            CommandId = commandId, OfficeId = officeId, Procedures = procedures, Date = date, Time = body.Time,
            LineUserId = body.LineUserId, Email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim(), Language = language,
        }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var response = Response(booking!, http, config);
        return TypedResults.Created(response.ManageUrl, response);
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Get(string code, HttpContext http, IRequestClient<GetBooking> client, IConfiguration config)
    {
        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new GetBooking { Code = code.ToUpperInvariant() }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(Response(booking!, http, config));
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Cancel(string code, HttpContext http, IRequestClient<CancelBooking> client, IConfiguration config)
    {
        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new CancelBooking { Code = code.ToUpperInvariant() }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(Response(booking!, http, config));
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Reschedule(
        string code, BookRequest? body, HttpContext http, IRequestClient<RescheduleBooking> client, IConfiguration config)
    {
        if (!DateOnly.TryParseExact(body?.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problems.BadRequest("date", "'date' looks like 2026-12-01.");
        }

        if (string.IsNullOrWhiteSpace(body!.Time))
        {
            return Problems.BadRequest("time", "'time' looks like 10:30.");
        }

        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(
            new RescheduleBooking { Code = code.ToUpperInvariant(), Date = date, Time = body.Time }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(Response(booking!, http, config));
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> CheckIn(string code, HttpContext http, IRequestClient<CheckInBooking> client, IConfiguration config)
    {
        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new CheckInBooking { Code = code.ToUpperInvariant() }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(Response(booking!, http, config));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Calendar(
        string code, HttpContext http, IRequestClient<GetBooking> client, OfficeCatalog offices)
    {
        var (b, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new GetBooking { Code = code.ToUpperInvariant() }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var office = offices.Find(b!.OfficeId)!;
        return TypedResults.File(Encoding.UTF8.GetBytes(ICalendar.Event(office, b)), "text/calendar; charset=utf-8", $"matanai-{b.Code}.ics");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Qr(string code, HttpContext http, IRequestClient<GetBooking> client)
    {
        var (b, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new GetBooking { Code = code.ToUpperInvariant() }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode($"MATANAI:{b!.Code}", QRCodeGenerator.ECCLevel.M);
        return TypedResults.File(Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(8)), "image/svg+xml");
    }

    /// <summary>The language for messages to the resident: ja (when not given), en, zh or ko.</summary>
    public static bool TryLanguage(string? given, out string language, out ProblemHttpResult? problem)
    {
        language = string.IsNullOrWhiteSpace(given) ? "ja" : given.Trim().ToLowerInvariant();
        problem = language is "ja" or "en" or "zh" or "ko"
            ? null
            : Problems.BadRequest("language", "'language' is one of ja, en, zh, ko.");
        return problem is null;
    }

    public static BookingResponse Response(BookingView b, HttpContext http, IConfiguration config)
    {
        var root = Tickets.TicketsApi.PublicBase(http, config);
        return new BookingResponse(
            b.Code, b.OfficeId, b.Date, b.Time, b.Procedures, b.State, b.TicketNumber,
            b.TicketToken is { } token ? Tickets.TicketsApi.StatusUrl(http, config, token) : null, b.TicketPriority,
            $"{root}/api/bookings/{b.Code}", $"{root}/api/bookings/{b.Code}/calendar.ics", $"{root}/api/bookings/{b.Code}/qr.svg");
    }
}

/// <summary>RFC 5545 calendar file for a booked visit (what to bring is in the description; no personal data).</summary>
public static class ICalendar
{
    public static string Event(Office office, BookingView b)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(b.Date.ToDateTime(TimeOnly.ParseExact(b.Time, "HH:mm", CultureInfo.InvariantCulture)), office.Zone);
        var minutes = b.Procedures.Sum(p => office.FindProcedure(p)?.Minutes ?? 0);
        var end = start.AddMinutes(Math.Max(office.Booking.SlotMinutes, minutes));
        var names = string.Join("・", b.Procedures.Select(p => office.FindProcedure(p)?.Name.Ja ?? p));
        var bring = b.Procedures.SelectMany(p => office.FindProcedure(p)?.Bring ?? []).Select(x => x.Ja).Distinct();
        var lines = new[]
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Matanai//Visit booking//JA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{b.Code}@{office.Id}.matanai",
            $"DTSTAMP:{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}",
            $"DTSTART:{start:yyyyMMdd'T'HHmmss'Z'}",
            $"DTEND:{end:yyyyMMdd'T'HHmmss'Z'}",
            $"SUMMARY:{Escape($"{office.Name.Ja} 来庁予約 {b.Code} / Visit booking")}",
            $"LOCATION:{Escape(office.Name.Ja)}",
            $"DESCRIPTION:{Escape($"予約番号 Booking code: {b.Code}\n手続き: {names}\n持ち物: {string.Join("、", bring)}\n到着したら発券機で予約番号を入力してください。")}",
            "STATUS:" + (b.State == "cancelled" ? "CANCELLED" : "CONFIRMED"),
            "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT60M", $"DESCRIPTION:{Escape("来庁予約 / Visit")}", "END:VALARM",
            "END:VEVENT", "END:VCALENDAR",
        };
        return string.Join("\r\n", lines.Select(Fold)) + "\r\n";
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets are folded (continuation lines start with a space).</summary>
    private static string Fold(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        if (bytes.Length <= 75)
        {
            return line;
        }

        var result = new StringBuilder();
        var count = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (count + size > 74)
            {
                result.Append("\r\n ");
                count = 1;
            }

            result.Append(rune.ToString());
            count += size;
        }

        return result.ToString();
    }
}
