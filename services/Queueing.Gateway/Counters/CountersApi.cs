using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Queueing.Contracts.Common;
using Queueing.Contracts.Counters;
using Queueing.Contracts.Ticketing;
using Queueing.Gateway.Http;
using Queueing.Gateway.Staff;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Gateway.Counters;

/// <summary>
/// Staff operations. Every endpoint needs a staff token for the office (401 without, 403 for another office
/// or too low a role); each POST is one command whose id comes from the <c>Idempotency-Key</c> header when sent.
/// </summary>
public static class CountersApi
{
    private static readonly string[] CounterStateActions = ["open", "pause", "close"];
    private static readonly string[] PlainTicketActions = ["call-next", "recall", "start", "no-show", "return", "park"];

    public static IEndpointRouteBuilder MapCountersApi(this IEndpointRouteBuilder app)
    {
        var office = app.MapGroup("/api/offices/{officeId}")
            .WithTags("Counters")
            .RequireAuthorization(StaffPolicies.Counter)
            .AddEndpointFilter(OfficeScope);

        office.MapGet("/counters", GetCounters).WithName("GetCounters").WithSummary("Every counter with its state and the ticket at it.");
        office.MapGet("/counters/{counter}", GetCounter).WithName("GetCounter").WithSummary("A counter's state and the ticket at it.");
        foreach (var action in CounterStateActions)
        {
            office.MapPost($"/counters/{{counter}}/{action}", (string officeId, string counter, HttpContext http, IRequestClient<ApplyCounterAction> client, IRequestClient<ListTickets> tickets, TimeProvider clock) =>
                    ChangeCounter(officeId, counter, action, http, client, tickets, clock))
                .WithName($"{Pascal(action)}Counter").WithSummary($"{action} the counter (pause and close need the counter to be free).");
        }

        foreach (var action in PlainTicketActions)
        {
            office.MapPost($"/counters/{{counter}}/{action}", (string officeId, string counter, HttpContext http, IRequestClient<ApplyCounterAction> client, TimeProvider clock) =>
                    TicketAction(officeId, counter, action, null, null, http, client, clock))
                .WithName(Pascal(action)).WithSummary(Summary(action));
        }

        office.MapPost("/counters/{counter}/call", CallSpecific).WithName("CallTicket").WithSummary("Call a specific waiting or parked ticket by number.");
        office.MapPost("/counters/{counter}/transfer", Transfer).WithName("Transfer").WithSummary("Send the ticket at the counter to another queue, keeping its arrival time.");
        office.MapPost("/counters/{counter}/complete", Complete).WithName("Complete")
            .WithSummary("Complete the current procedure; a one-stop visit moves on to its next procedure's queue by itself.");
        office.MapGet("/tickets", ListTicketsIn).WithName("ListTickets").WithSummary("Waiting (calling order) or parked tickets: ?state=waiting|parked.");
        office.MapPost("/tickets/{number}/unpark", Unpark).WithName("Unpark").WithSummary("Return a parked ticket to its queue.");
        office.MapGet("/bookings", ListBookingsOn).WithName("ListBookings").WithTags("Bookings")
            .WithSummary("Staff: the bookings of a day (?date=yyyy-MM-dd, default today) by time, with check-in state. No contact data.");
        office.MapGet("/audit", GetAudit).WithName("GetAudit").WithSummary("The newest staff actions: who, what, counter, ticket, when.")
            .RequireAuthorization(StaffPolicies.Supervisor);
        return app;
    }

    /// <summary>403 unless the signed-in staff member may act in the route's office.</summary>
    public static async ValueTask<object?> OfficeScope(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var officeId = http.GetRouteValue("officeId") as string ?? "";
        return StaffAccess.MayActIn(http.User, officeId)
            ? await next(context)
            : TypedResults.Problem(
                title: "Forbidden",
                detail: $"この窓口の権限がありません / Your account may not act in office '{officeId}'.",
                statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<List<CounterView>>, ProblemHttpResult>> GetCounters(
        string officeId, IRequestClient<GetCounters> counters, IRequestClient<ListTickets> tickets, TimeProvider clock, CancellationToken ct)
    {
        var (list, rejected) = (await counters.GetResponse<CounterList, CommandRejected>(new GetCounters { OfficeId = officeId }, ct)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var atCounters = await AtCountersAsync(tickets, officeId, ct);
        return TypedResults.Ok(list!.Counters.Select(c => CounterView.From(c, atCounters, clock.GetUtcNow())).ToList());
    }

    private static async Task<Results<Ok<CounterView>, ProblemHttpResult>> GetCounter(
        string officeId, string counter, IRequestClient<GetCounterState> client, IRequestClient<ListTickets> tickets, TimeProvider clock, CancellationToken ct)
    {
        var (state, rejected) = (await client.GetResponse<CounterState, CommandRejected>(new GetCounterState { OfficeId = officeId, Counter = counter }, ct)).Split();
        return rejected is not null
            ? Problems.From(rejected)
            : TypedResults.Ok(CounterView.From(state!, await AtCountersAsync(tickets, officeId, ct), clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<CounterView>, ProblemHttpResult>> ChangeCounter(
        string officeId, string counter, string action, HttpContext http, IRequestClient<ApplyCounterAction> client, IRequestClient<ListTickets> tickets, TimeProvider clock)
    {
        if (!CommandIds.TryGet(http, $"{action}/{officeId}/{counter}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (state, rejected) = (await client.GetResponse<CounterState, CommandRejected>(
            Command(officeId, counter, action, commandId, http), http.RequestAborted)).Split();
        return rejected is not null
            ? Problems.From(rejected)
            : TypedResults.Ok(CounterView.From(state!, await AtCountersAsync(tickets, officeId, http.RequestAborted), clock.GetUtcNow()));
    }

    private static Task<Results<Ok<TicketStaffView>, NoContent, ProblemHttpResult>> CallSpecific(
        string officeId, string counter, CallTicketRequest? body, HttpContext http, IRequestClient<ApplyCounterAction> client, TimeProvider clock) =>
        string.IsNullOrWhiteSpace(body?.Number)
            ? Task.FromResult<Results<Ok<TicketStaffView>, NoContent, ProblemHttpResult>>(Problems.BadRequest("number", "Which ticket? 'number' (e.g. A-003) is required."))
            : TicketAction(officeId, counter, "call", body.Number.Trim().ToUpperInvariant(), null, http, client, clock);

    private static Task<Results<Ok<TicketStaffView>, NoContent, ProblemHttpResult>> Transfer(
        string officeId, string counter, TransferRequest? body, HttpContext http, IRequestClient<ApplyCounterAction> client, TimeProvider clock) =>
        string.IsNullOrWhiteSpace(body?.Queue)
            ? Task.FromResult<Results<Ok<TicketStaffView>, NoContent, ProblemHttpResult>>(Problems.BadRequest("queue", "To which queue? 'queue' is required."))
            : TicketAction(officeId, counter, "transfer", null, body.Queue, http, client, clock);

    private static async Task<Results<Ok<CompletedView>, ProblemHttpResult>> Complete(
        string officeId, string counter, HttpContext http, IRequestClient<ApplyCounterAction> client, TimeProvider clock)
    {
        if (!CommandIds.TryGet(http, $"complete/{officeId}/{counter}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (applied, rejected) = (await client.GetResponse<TicketActionApplied, CommandRejected>(
            Command(officeId, counter, "complete", commandId, http), http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var ticket = applied!.Ticket;
        return TypedResults.Ok(new CompletedView(
            TicketStaffView.From(ticket, clock.GetUtcNow()),
            applied.NextQueue is { } next ? new NextStep(next, ticket.Number) : null));
    }

    private static async Task<Results<Ok<TicketStaffView>, NoContent, ProblemHttpResult>> TicketAction(
        string officeId, string counter, string action, string? number, string? queue, HttpContext http, IRequestClient<ApplyCounterAction> client, TimeProvider clock)
    {
        if (!CommandIds.TryGet(http, $"{action}/{officeId}/{counter}", out var commandId, out var problem))
        {
            return problem!;
        }

        var response = await client.GetResponse<TicketActionApplied, NoTicketWaiting, CommandRejected>(
            Command(officeId, counter, action, commandId, http) with { Number = number, TargetQueue = queue }, http.RequestAborted);
        if (response.Is(out Response<TicketActionApplied>? applied))
        {
            return TypedResults.Ok(TicketStaffView.From(applied.Message.Ticket, clock.GetUtcNow()));
        }

        return response.Is(out Response<CommandRejected>? rejected) ? Problems.From(rejected.Message) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TicketStaffView>, ProblemHttpResult>> Unpark(
        string officeId, string number, HttpContext http, IRequestClient<ApplyCounterAction> client, TimeProvider clock)
    {
        if (!CommandIds.TryGet(http, $"unpark/{officeId}/{number}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (applied, rejected) = (await client.GetResponse<TicketActionApplied, CommandRejected>(
            Command(officeId, "", "unpark", commandId, http) with { Number = number.ToUpperInvariant() }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(TicketStaffView.From(applied!.Ticket, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<List<TicketStaffView>>, ProblemHttpResult>> ListTicketsIn(
        string officeId, string? state, IRequestClient<ListTickets> client, TimeProvider clock, CancellationToken ct)
    {
        var (list, rejected) = (await client.GetResponse<TicketList, CommandRejected>(new ListTickets { OfficeId = officeId, State = state ?? "waiting" }, ct)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(list!.Tickets.Select(t => TicketStaffView.From(t, clock.GetUtcNow())).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<Contracts.Reservations.BookingView>>, ProblemHttpResult>> ListBookingsOn(
        string officeId, string? date, IRequestClient<Contracts.Reservations.ListBookings> client, Queueing.ServiceDefaults.Offices.OfficeCatalog offices, TimeProvider clock, CancellationToken ct)
    {
        DateOnly day;
        if (date is null)
        {
            day = offices.LocalDate(officeId, clock.GetUtcNow());
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
        {
            return Problems.BadRequest("date", "Dates look like 2026-12-01.");
        }

        var (list, rejected) = (await client.GetResponse<Contracts.Reservations.BookingList, CommandRejected>(
            new Contracts.Reservations.ListBookings { OfficeId = officeId, Date = day }, ct)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(list!.Bookings);
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditRecord>>, ProblemHttpResult>> GetAudit(
        string officeId, int? limit, IRequestClient<GetAuditLog> client, CancellationToken ct)
    {
        var (log, rejected) = (await client.GetResponse<AuditLog, CommandRejected>(new GetAuditLog { OfficeId = officeId, Limit = limit ?? 50 }, ct)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(log!.Entries);
    }

    private static ApplyCounterAction Command(string officeId, string counter, string action, Guid commandId, HttpContext http) => new()
    {
        CommandId = commandId,
        OfficeId = officeId,
        Counter = counter,
        Action = action,
        StaffId = StaffAccess.StaffId(http.User),
    };

    private static async Task<IReadOnlyList<TicketView>> AtCountersAsync(IRequestClient<ListTickets> client, string officeId, CancellationToken ct)
    {
        var (list, _) = (await client.GetResponse<TicketList, CommandRejected>(new ListTickets { OfficeId = officeId, State = "at-counters" }, ct)).Split();
        return list?.Tickets ?? [];
    }

    private static string Pascal(string action) => string.Concat(action.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Summary(string action) => action switch
    {
        "call-next" => "Call the next ticket by the office's calling policy (200), 204 when nobody waits, 409 when the counter is not open or not free.",
        "recall" => "Call the ticket at the counter again (lobby re-announces).",
        "start" => "The resident arrived: start serving.",
        "no-show" => "The resident did not come after the required recalls.",
        "return" => "Put the ticket back in its queue with its original arrival time.",
        "park" => "Hold the ticket aside (e.g. fetching a document); unpark returns it.",
        _ => action,
    };
}
