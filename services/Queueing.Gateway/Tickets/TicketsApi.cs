using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using Queueing.Contracts.Common;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Ticketing;
using Queueing.Gateway.Http;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Gateway.Tickets;

public sealed record TakeTicketRequest(string? Procedure, IReadOnlyList<string>? Procedures, string? Channel, bool? NeedsAssistance);

public sealed record TicketTaken(string TicketId, string Number, string Token, string StatusUrl);

/// <summary>What a resident's phone shows: number, state, place in the queue and the wait range; never a name.</summary>
public sealed record TicketStatusView(
    string OfficeId, string Number, string State, string Queue, int Position, int EstimatedWaitMinutes, int WaitP50, int WaitP90, string? Counter,
    IReadOnlyList<string> Procedures, string CurrentProcedure, int PostponesLeft)
{
    public static TicketStatusView From(TicketStatus s) => new(
        s.OfficeId, s.Number, s.State, s.Queue, s.Position, s.EstimatedWaitMinutes, s.WaitP50, s.WaitP90, s.Counter, s.Procedures, s.CurrentProcedure, s.PostponesLeft);
}

public sealed record LinkLineRequest(string? UserId, string? Language = null);

public sealed record LineLinked(string Number, string UserId);

public static partial class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/offices/{officeId}/tickets", TakeTicket)
            .WithName("TakeTicket").WithTags("Tickets")
            .WithSummary("Take a numbered ticket for a procedure (kiosk, web, QR poster or staff). Send an Idempotency-Key header to make a double tap harmless.");
        var tickets = app.MapGroup("/api/tickets/{token}").WithTags("Tickets");
        tickets.MapGet("", GetStatus).WithName("GetTicketStatus").WithSummary("A ticket's state, position and estimated wait, by its resident token.");
        tickets.MapGet("/qr.svg", GetQrCode).WithName("GetTicketQrCode").WithSummary("QR code (SVG) of the ticket's status page.");
        tickets.MapPost("/line", LinkLine).WithName("LinkTicketToLine").WithSummary("Send this ticket's milestones to a LINE user.");
        tickets.MapPost("/cancel", (string token, HttpContext http, IRequestClient<GetTicketStatus> status, IRequestClient<ApplyTicketAction> actions) => ResidentAction(token, "cancel", http, status, actions))
            .WithName("CancelTicket").WithSummary("The resident gives up their turn (only while waiting or parked).");
        tickets.MapPost("/postpone", (string token, HttpContext http, IRequestClient<GetTicketStatus> status, IRequestClient<ApplyTicketAction> actions) => ResidentAction(token, "postpone", http, status, actions))
            .WithName("PostponeTicket").WithSummary("\"I need more time\": move back a few places (limited per ticket).");
        return app;
    }

    private static async Task<Results<Created<TicketTaken>, ProblemHttpResult>> TakeTicket(
        string officeId, TakeTicketRequest? request, HttpContext http, OfficeCatalog offices, IRequestClient<IssueTicket> client, IConfiguration config)
    {
        if (offices.Find(officeId) is null)
        {
            return Problems.NotFound("officeId", $"Office '{officeId}' does not exist.");
        }

        var procedures = request?.Procedures is { Count: > 0 } list ? list : request?.Procedure is { Length: > 0 } one ? [one] : [];
        if (procedures.Count == 0 || procedures.Any(string.IsNullOrWhiteSpace))
        {
            return Problems.BadRequest("procedure", "Choose a procedure: 'procedure' (or 'procedures') is required.");
        }

        if (!CommandIds.TryGet(http, $"tickets/{officeId}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (issued, rejected) = (await client.GetResponse<TicketIssued, CommandRejected>(new IssueTicket
        {
            CommandId = commandId,
            OfficeId = officeId,
            Procedure = procedures[0],
            Procedures = procedures,
            Channel = request!.Channel ?? "web",
            Priority = request.NeedsAssistance == true ? "assistance" : "walkin",
        }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var statusUrl = StatusUrl(http, config, issued!.Token);
        return TypedResults.Created(statusUrl, new TicketTaken(issued.TicketId, issued.Number, issued.Token, statusUrl));
    }

    private static async Task<Results<Ok<TicketStatusView>, ProblemHttpResult>> GetStatus(string token, IRequestClient<GetTicketStatus> client, CancellationToken ct)
    {
        var (s, rejected) = (await client.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, ct)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        return TypedResults.Ok(TicketStatusView.From(s!));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetQrCode(
        string token, HttpContext http, IConfiguration config, IRequestClient<GetTicketStatus> client)
    {
        var (_, rejected) = (await client.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(StatusUrl(http, config, token), QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8);
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(svg), "image/svg+xml");
    }

    private static async Task<Results<Ok<LineLinked>, ProblemHttpResult>> LinkLine(
        string token, LinkLineRequest? request, IRequestClient<GetTicketStatus> tickets, IRequestClient<LinkLineUser> notifications, CancellationToken ct)
    {
        if (request?.UserId is not { } userId || !LineUserId().IsMatch(userId))
        {
            return Problems.BadRequest("userId", "A LINE user id starts with 'U' followed by 32 hexadecimal characters.");
        }

        var (ticket, rejected) = (await tickets.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, ct)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var (_, failed) = (await notifications.GetResponse<LineUserLinked, CommandRejected>(new LinkLineUser
        {
            TicketId = ticket!.TicketId,
            OfficeId = ticket.OfficeId,
            Number = ticket.Number,
            LineUserId = userId,
            Token = token,
            Language = request.Language,
        }, ct)).Split();
        return failed is not null
            ? Problems.From(failed)
            : TypedResults.Ok(new LineLinked(ticket.Number, userId));
    }

    private static async Task<Results<Ok<TicketStatusView>, ProblemHttpResult>> ResidentAction(
        string token, string action, HttpContext http, IRequestClient<GetTicketStatus> status, IRequestClient<ApplyTicketAction> actions)
    {
        var (ticket, missing) = (await status.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, http.RequestAborted)).Split();
        if (missing is not null)
        {
            return Problems.From(missing);
        }

        if (!CommandIds.TryGet(http, $"{action}/{token}", out var commandId, out var problem))
        {
            return problem!;
        }

        var (_, rejected) = (await actions.GetResponse<TicketActionApplied, CommandRejected>(
            new ApplyTicketAction { CommandId = commandId, OfficeId = ticket!.OfficeId, Action = action, Token = token }, http.RequestAborted)).Split();
        if (rejected is not null)
        {
            return Problems.From(rejected);
        }

        var (after, _) = (await status.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, http.RequestAborted)).Split();
        return TypedResults.Ok(TicketStatusView.From(after!));
    }

    /// <summary>The resident's status page.</summary>
    public static string StatusUrl(HttpContext http, IConfiguration config, string token) =>
        $"{PublicBase(http, config)}/ticket.html?token={Uri.EscapeDataString(token)}";

    /// <summary>Where residents reach the Gateway; <c>Gateway:PublicBaseUrl</c> overrides the request's host (behind a proxy).</summary>
    public static string PublicBase(HttpContext http, IConfiguration config) =>
        config["Gateway:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}";

    public static bool IsLineUserId(string value) => LineUserId().IsMatch(value);

    /// <summary>Real LINE user ids are U + 32 hex characters; the demo's emulator users look like Udemo0001.</summary>
    [GeneratedRegex("^U([0-9a-f]{32}|demo[0-9]{4})$")]
    private static partial Regex LineUserId();
}
