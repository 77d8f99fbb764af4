using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using QRCoder;
using Queueing.Contracts.Common;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Ticketing;
using Queueing.Gateway.Counters;
using Queueing.Gateway.Http;
using Queueing.Gateway.Staff;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Gateway.Notifications;

/// <summary>How a resident opens LINE with their ticket's link code already typed in.</summary>
public sealed record LineLinkView(string Url, string Message);

/// <summary>
/// The LINE webhook (signature checked, answered at once, processed by Notification), the resident's "open LINE"
/// link for a ticket, and the supervisors' delivery log.
/// </summary>
public static class NotificationsApi
{
    /// <summary>LINE sends at most a few events per request; anything bigger is not LINE.</summary>
    private const int MaxWebhookBytes = 1 << 20;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/line/webhook", Webhook).WithName("LineWebhook").WithTags("LINE")
            .WithSummary("LINE platform webhook: verifies x-line-signature, answers 200 at once and hands the events to Notification.");

        app.MapGet("/api/tickets/{token}/line-link", TicketLineLink).WithName("TicketLineLink").WithTags("Tickets")
            .WithSummary("The link (and QR) that opens LINE with this ticket's link code typed in: send it once and LINE tells you when your turn is near.");
        app.MapGet("/api/tickets/{token}/line-link.svg", TicketLineLinkQr).WithName("TicketLineLinkQr").WithTags("Tickets")
            .WithSummary("QR code of the LINE link, for the paper ticket and the phone page.");

        app.MapGet("/api/bookings/{code}/line-link", BookingLineLink).WithName("BookingLineLink").WithTags("Bookings")
            .WithSummary("The link that opens LINE with this booking's code typed in: send it once to get the reminders on LINE.");
        app.MapGet("/api/bookings/{code}/line-link.svg", BookingLineLinkQr).WithName("BookingLineLinkQr").WithTags("Bookings")
            .WithSummary("QR code of the booking's LINE link.");

        app.MapGroup("/api/offices/{officeId}").WithTags("Notifications")
            .RequireAuthorization(StaffPolicies.Supervisor)
            .AddEndpointFilter(CountersApi.OfficeScope)
            .MapGet("/notifications", DeliveryLogOf).WithName("GetDeliveryLog")
            .WithSummary("Supervisor: the day's notification deliveries (sent, retried, failed with reasons), optionally for one ticket number or booking code, with the day's counts and survey answers.");
        return app;
    }

    private static async Task<IResult> Webhook(HttpContext http, IConfiguration config, IPublishEndpoint bus, TimeProvider clock, ILoggerFactory loggers)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length > MaxWebhookBytes)
        {
            return Problems.BadRequest("body", "The webhook body is too large.");
        }

        var body = buffer.ToArray();
        var signature = http.Request.Headers["x-line-signature"].ToString();
        if (!LineSignature.IsValid(config["Line:ChannelSecret"] ?? "", body, signature))
        {
            loggers.CreateLogger("Queueing.Gateway.LineWebhook").LogWarning("LINE webhook refused: {Problem}", signature.Length == 0 ? "no signature" : "wrong signature");
            return TypedResults.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
                detail: "x-line-signature is missing or does not match the body.",
                extensions: new Dictionary<string, object?> { ["field"] = "x-line-signature" });
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                return Problems.BadRequest("events", "A LINE webhook body has an events array.");
            }

            if (events.GetArrayLength() == 0)
            {
                return TypedResults.Ok(); // LINE's "verify" button sends no events
            }
        }
        catch (JsonException)
        {
            return Problems.BadRequest("body", "The webhook body is not JSON.");
        }

        await bus.Publish(new LineWebhookReceived { Body = System.Text.Encoding.UTF8.GetString(body), ReceivedAt = clock.GetUtcNow() }, http.RequestAborted);
        return TypedResults.Ok();
    }

    private static async Task<IResult> TicketLineLink(string token, string? lang, IRequestClient<GetTicketStatus> tickets, IConfiguration config, CancellationToken ct) =>
        LinkAnswer(await TicketCodeAsync(tickets, token, ct), lang, config);

    private static async Task<IResult> TicketLineLinkQr(string token, IRequestClient<GetTicketStatus> tickets, IConfiguration config, HttpContext http, CancellationToken ct) =>
        QrAnswer(await TicketCodeAsync(tickets, token, ct), config, http);

    private static async Task<IResult> BookingLineLink(
        string code, string? lang, IRequestClient<Contracts.Reservations.GetBooking> bookings, IConfiguration config, CancellationToken ct) =>
        LinkAnswer(await BookingCodeAsync(bookings, code, ct), lang, config);

    private static async Task<IResult> BookingLineLinkQr(
        string code, IRequestClient<Contracts.Reservations.GetBooking> bookings, IConfiguration config, HttpContext http, CancellationToken ct) =>
        QrAnswer(await BookingCodeAsync(bookings, code, ct), config, http);

    /// <summary>The ticket's token is its link code, once the ticket is known to exist.</summary>
    private static async Task<(string? Code, CommandRejected? Rejected)> TicketCodeAsync(IRequestClient<GetTicketStatus> tickets, string token, CancellationToken ct)
    {
        var (_, rejected) = (await tickets.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, ct)).Split();
        return (rejected is null ? token : null, rejected);
    }

    private static async Task<(string? Code, CommandRejected? Rejected)> BookingCodeAsync(
        IRequestClient<Contracts.Reservations.GetBooking> bookings, string code, CancellationToken ct)
    {
        var (booking, rejected) = (await bookings.GetResponse<Contracts.Reservations.BookingView, CommandRejected>(
            new Contracts.Reservations.GetBooking { Code = code.ToUpperInvariant() }, ct)).Split();
        return (booking?.Code, rejected);
    }

    private static IResult LinkAnswer((string? Code, CommandRejected? Rejected) found, string? lang, IConfiguration config) =>
        lang is not (null or "ja" or "en") ? Problems.BadRequest("lang", "lang is ja or en (other languages can be chosen in LINE).")
        : found.Rejected is { } rejected ? Problems.From(rejected)
        : TypedResults.Ok(LinkFor(config, found.Code!, lang ?? "ja"));

    private static IResult QrAnswer((string? Code, CommandRejected? Rejected) found, IConfiguration config, HttpContext http) =>
        found.Rejected is { } rejected ? Problems.From(rejected) : QrSvg(http, LinkFor(config, found.Code!).Url);

    private static IResult QrSvg(HttpContext http, string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(new SvgQRCode(data).GetGraphic(8)), "image/svg+xml");
    }

    /// <summary>
    /// <c>Line:AddFriendUrl</c> is the official account's "send a message" link with a <c>{text}</c> placeholder
    /// (https://line.me/R/oaMessage/@id/?{text} in production; the emulator's inbox in the demo).
    /// </summary>
    public static LineLinkView LinkFor(IConfiguration config, string code, string language = "ja")
    {
        // "LINK <code>" also tells Notification to write in English; "連携 <code>" keeps the resident's language (Japanese at first).
        var message = language == "en" ? $"LINK {code}" : $"連携 {code}";
        var template = config["Line:AddFriendUrl"] is { Length: > 0 } configured ? configured : "https://line.me/R/oaMessage/@matanai/?{text}";
        return new LineLinkView(template.Replace("{text}", Uri.EscapeDataString(message), StringComparison.Ordinal), message);
    }

    private static async Task<Results<Ok<DeliveryLog>, ProblemHttpResult>> DeliveryLogOf(
        string officeId, string? date, string? subject, IRequestClient<GetDeliveryLog> log, Queueing.ServiceDefaults.Offices.OfficeCatalog offices,
        TimeProvider clock, CancellationToken ct)
    {
        DateOnly day;
        if (string.IsNullOrEmpty(date))
        {
            day = offices.LocalDate(officeId, clock.GetUtcNow());
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return Problems.BadRequest("date", "Write the date as yyyy-MM-dd.");
        }

        if (subject is { Length: > 40 })
        {
            return Problems.BadRequest("subject", "A ticket number or booking code is short.");
        }

        var (result, rejected) = (await log.GetResponse<DeliveryLog, CommandRejected>(
            new GetDeliveryLog { OfficeId = officeId, Date = day, Subject = subject }, ct)).Split();
        return rejected is not null ? Problems.From(rejected) : TypedResults.Ok(result!);
    }
}
