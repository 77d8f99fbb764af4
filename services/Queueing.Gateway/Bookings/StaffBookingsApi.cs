using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Queueing.Contracts.Common;
using Queueing.Contracts.Reservations;
using Queueing.Gateway.Counters;
using Queueing.Gateway.Http;
using Queueing.Gateway.Staff;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Gateway.Bookings;

public sealed record StaffBookRequest(IReadOnlyList<string>? Procedures, string? Date, string? Time, string? Email, string? Language);

public sealed record MoveRequest(string? Date, string? Time);

/// <summary>
/// Staff booking on a resident's behalf (phone or counter, for people who do not use the web): book, move and
/// cancel. Same staff token and office scope as the other staff endpoints; the staff id goes with each command and
/// Reservation has every such action written to the supervisors' audit log (once per command).
/// </summary>
public static class StaffBookingsApi
{
    public static IEndpointRouteBuilder MapStaffBookingsApi(this IEndpointRouteBuilder app)
    {
        var bookings = app.MapGroup("/api/offices/{officeId}/bookings")
            .WithTags("Bookings")
            .RequireAuthorization(StaffPolicies.Counter)
            .AddEndpointFilter(CountersApi.OfficeScope);
        bookings.MapPost("/for-resident", Book).WithName("StaffBookVisit")
            .WithSummary("Staff: book a slot for a resident {procedures, date, time, email?, language?}; send Idempotency-Key (a repeated request books once). 409 when full.");
        bookings.MapPost("/{code}/move", Move).WithName("StaffMoveBooking")
            .WithSummary("Staff: move a booking of this office to another slot {date, time}; the old slot is released only if the new one is taken.");
        bookings.MapPost("/{code}/cancel", Cancel).WithName("StaffCancelBooking")
            .WithSummary("Staff: cancel a booking of this office on the resident's behalf; its capacity is released.");
        return app;
    }

    private static async Task<Results<Created<BookingResponse>, ProblemHttpResult>> Book(
        string officeId, StaffBookRequest? body, HttpContext http, IRequestClient<BookVisit> client, IConfiguration config)
    {
        if (body?.Procedures is not { Count: > 0 } procedures || procedures.Any(string.IsNullOrWhiteSpace))
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

        if (!BookingsApi.TryLanguage(body.Language, out var language, out var badLanguage))
        {
            return badLanguage!;
        }

        if (!CommandIds.TryGet(http, $"staff-book/{officeId}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new BookVisit
        {
            CommandId = commandId, OfficeId = officeId, Procedures = procedures, Date = date, Time = body.Time.Trim(),
            Email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim(), Language = language,
            StaffId = StaffAccess.StaffId(http.User),
        }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var response = BookingsApi.Response(booking!, http, config);
        return TypedResults.Created(response.ManageUrl, response);
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Move(
        string officeId, string code, MoveRequest? body, HttpContext http, IRequestClient<GetBooking> bookings, IRequestClient<RescheduleBooking> client, IConfiguration config)
    {
        if (!DateOnly.TryParseExact(body?.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problems.BadRequest("date", "'date' looks like 2026-12-01.");
        }

        if (string.IsNullOrWhiteSpace(body!.Time))
        {
            return Problems.BadRequest("time", "'time' looks like 10:30.");
        }

        if (await OfThisOfficeAsync(officeId, code, bookings, http.RequestAborted) is { } notHere)
        {
            return notHere;
        }

        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new RescheduleBooking
        {
            Code = code.Trim().ToUpperInvariant(), Date = date, Time = body.Time.Trim(), StaffId = StaffAccess.StaffId(http.User),
        }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(BookingsApi.Response(booking!, http, config));
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> Cancel(
        string officeId, string code, HttpContext http, IRequestClient<GetBooking> bookings, IRequestClient<CancelBooking> client, IConfiguration config)
    {
        if (await OfThisOfficeAsync(officeId, code, bookings, http.RequestAborted) is { } notHere)
        {
            return notHere;
        }

        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(
            new CancelBooking { Code = code.Trim().ToUpperInvariant(), StaffId = StaffAccess.StaffId(http.User) }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(BookingsApi.Response(booking!, http, config));
    }

    /// <summary>Staff act only on their office's bookings: another office's code is 404, as if it did not exist.</summary>
    private static async Task<ProblemHttpResult?> OfThisOfficeAsync(string officeId, string code, IRequestClient<GetBooking> client, CancellationToken ct)
    {
        var (booking, rejected) = (await client.GetResponse<BookingView, CommandRejected>(new GetBooking { Code = code.Trim().ToUpperInvariant() }, ct)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        return booking!.OfficeId == officeId ? null : Problems.NotFound("code", $"No booking of office '{officeId}' has this code.");
    }
}
