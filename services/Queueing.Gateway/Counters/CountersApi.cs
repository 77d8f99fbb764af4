using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Queueing.Contracts.Common;
using Queueing.Contracts.Counters;
using Queueing.Contracts.Ticketing;
using Queueing.Gateway.Http;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Gateway.Counters;

public sealed record CalledTicket(string TicketId, string Number, string Queue, string Counter, DateTimeOffset CalledAt);

public sealed record CompletedTicket(string TicketId, string Number, string Counter, DateTimeOffset CompletedAt);

public static class CountersApi
{
    /// <summary>Until staff sign-in exists, the console may name its operator in this header; audit records it.</summary>
    public const string StaffHeader = "X-Staff-Id";

    public static IEndpointRouteBuilder MapCountersApi(this IEndpointRouteBuilder app)
    {
        var counters = app.MapGroup("/api/offices/{officeId}/counters/{counter}").WithTags("Counters");
        counters.MapGet("", GetCounter).WithName("GetCounter").WithSummary("A counter's state and the ticket it serves.");
        counters.MapPost("/open", Open).WithName("OpenCounter").WithSummary("Open the counter so it can call tickets.");
        counters.MapPost("/call-next", CallNextTicket).WithName("CallNext")
            .WithSummary("Call the oldest waiting ticket of the queues this counter serves (200), or 204 when nobody waits. Completes the ticket still called here.");
        counters.MapPost("/complete", Complete).WithName("CompleteCurrent").WithSummary("Complete the ticket called at this counter (409 when none).");
        return app;
    }

    private static async Task<Results<Ok<CounterState>, ProblemHttpResult>> GetCounter(
        string officeId, string counter, IRequestClient<GetCounterState> client, CancellationToken ct)
    {
        var (state, rejected) = (await client.GetResponse<CounterState, CommandRejected>(new GetCounterState { OfficeId = officeId, Counter = counter }, ct)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(state!);
    }

    private static async Task<Results<Ok<CounterState>, ProblemHttpResult>> Open(
        string officeId, string counter, HttpContext http, IRequestClient<OpenCounter> client)
    {
        if (!CommandIds.TryGet(http, $"open/{officeId}/{counter}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (state, rejected) = (await client.GetResponse<CounterState, CommandRejected>(
            new OpenCounter { CommandId = commandId, OfficeId = officeId, Counter = counter, StaffId = StaffId(http) }, http.RequestAborted)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(state!);
    }

    private static async Task<Results<Ok<CalledTicket>, NoContent, ProblemHttpResult>> CallNextTicket(
        string officeId, string counter, HttpContext http, IRequestClient<CallNext> client)
    {
        if (!CommandIds.TryGet(http, $"call-next/{officeId}/{counter}", out var commandId, out var problem))
        {
            return problem!;
        }

        var response = await client.GetResponse<TicketCalled, NoTicketWaiting, CommandRejected>(
            new CallNext { CommandId = commandId, OfficeId = officeId, Counter = counter, StaffId = StaffId(http) }, http.RequestAborted);
        if (response.Is(out Response<TicketCalled>? called))
        {
            var t = called.Message;
            return TypedResults.Ok(new CalledTicket(t.TicketId, t.Number, t.Queue, t.Counter, t.CalledAt));
        }

        return response.Is(out Response<CommandRejected>? rejected) ? Problems.From(rejected.Message) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CompletedTicket>, ProblemHttpResult>> Complete(
        string officeId, string counter, HttpContext http, IRequestClient<CompleteCurrent> client)
    {
        if (!CommandIds.TryGet(http, $"complete/{officeId}/{counter}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (t, rejected) = (await client.GetResponse<TicketCompleted, CommandRejected>(
            new CompleteCurrent { CommandId = commandId, OfficeId = officeId, Counter = counter, StaffId = StaffId(http) }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        return TypedResults.Ok(new CompletedTicket(t!.TicketId, t.Number, t.Counter, t.CompletedAt));
    }

    private static string StaffId(HttpContext http)
    {
        var header = http.Request.Headers[StaffHeader].ToString();
        return header.Length is > 0 and <= 64 ? header : "console";
    }
}
