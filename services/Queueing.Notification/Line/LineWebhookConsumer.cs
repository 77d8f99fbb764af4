using System.Text;
using System.Text.Json;
using MassTransit;
using Queueing.Contracts.Common;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Reservations;
using Queueing.Contracts.Ticketing;
using Queueing.Notification.Consumers;
using Queueing.Notification.Deliveries;
using Queueing.Notification.Texts;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;
using StackExchange.Redis;

namespace Queueing.Notification.Line;

/// <summary>
/// Handles LINE webhook events after the Gateway verified their signature and answered LINE:
/// <list type="bullet">
/// <item>follow: welcome text (how to link, how to change language);</item>
/// <item>unfollow: the user blocked the account, so every ticket and booking linked to them is unlinked;</item>
/// <item>message: a ticket's link code (the ticket page's LINE button pre-fills "連携 CODE", or "LINK CODE" for
/// English) or a booking code links it to the user; "English", "中文", "한국어", "日本語" choose the language; a survey button's answer is counted; anything else
/// gets a short help text.</item>
/// </list>
/// Events are processed once by their webhookEventId; conversation answers use the free reply API.
/// </summary>
public sealed class LineWebhookConsumer(
    DeliveryStore store, Notifier notifier, Links links, MessageCatalog catalog, LineClient line, OfficeCatalog offices, TimeProvider clock,
    IRequestClient<GetTicketStatus> tickets, IRequestClient<GetBooking> bookings, ILogger<LineWebhookConsumer> logger) : IConsumer<LineWebhookReceived>
{
    private static readonly Dictionary<string, string> LanguageWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = "en", ["en"] = "en", ["英語"] = "en",
        ["日本語"] = "ja", ["にほんご"] = "ja", ["japanese"] = "ja", ["ja"] = "ja",
        ["中文"] = "zh", ["chinese"] = "zh", ["zh"] = "zh", ["中国語"] = "zh",
        ["한국어"] = "ko", ["korean"] = "ko", ["ko"] = "ko", ["韓国語"] = "ko",
    };

    public async Task Consume(ConsumeContext<LineWebhookReceived> context)
    {
        using var body = JsonDocument.Parse(context.Message.Body);
        foreach (var e in body.RootElement.GetProperty("events").EnumerateArray())
        {
            var id = e.TryGetProperty("webhookEventId", out var idElement) ? idElement.GetString() : null;
            if (id is not null && await store.WebhookEventSeenAsync(id))
            {
                continue;
            }

            await HandleAsync(e, context.CancellationToken);
            if (id is not null)
            {
                await store.MarkWebhookEventAsync(id);
            }
        }
    }

    private async Task HandleAsync(JsonElement e, CancellationToken ct)
    {
        if (!e.TryGetProperty("source", out var source) || source.GetProperty("type").GetString() != "user" ||
            source.GetProperty("userId").GetString() is not { Length: > 0 } user)
        {
            return; // groups and rooms are not a resident talking to us
        }

        var replyToken = e.TryGetProperty("replyToken", out var token) ? token.GetString() : null;
        switch (e.GetProperty("type").GetString())
        {
            case "follow":
                await store.SetUserAsync(user, new HashEntry("followed", "1"));
                await ReplyAsync(user, replyToken, "welcome", [], ct);
                break;
            case "unfollow":
                var unlinked = await store.UnfollowAsync(user);
                logger.LogInformation("A LINE user unfollowed; {Count} tickets or bookings unlinked", unlinked);
                break;
            case "message":
                await store.SetUserAsync(user, new HashEntry("followed", "1"));
                var message = e.GetProperty("message");
                var text = message.GetProperty("type").GetString() == "text" ? message.GetProperty("text").GetString() ?? "" : "";
                await HandleTextAsync(user, text.Normalize(NormalizationForm.FormKC).Trim(), replyToken, ct);
                break;
            default:
                break;
        }
    }

    private async Task HandleTextAsync(string user, string text, string? replyToken, CancellationToken ct)
    {
        if (LanguageWords.TryGetValue(text, out var language))
        {
            await store.SetLanguageAsync(user, language);
            await ReplyAsync(user, replyToken, "language-set", [], ct);
            return;
        }

        if (MessageCatalog.ParseSurveyAnswer(text) is { } rating)
        {
            if (await store.UserFieldAsync(user, "survey") is { } subject && await store.UserFieldAsync(user, "surveyOffice") is { } officeId)
            {
                var day = offices.LocalDate(officeId, clock.GetUtcNow());
                await store.RecordSurveyAsync(subject, officeId, day, rating);
            }

            await ReplyAsync(user, replyToken, "survey-thanks", [], ct);
            return;
        }

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var code = words.LastOrDefault() ?? "";
        if (words.Length == 2 && words[0].Equals("LINK", StringComparison.OrdinalIgnoreCase))
        {
            await store.SetLanguageAsync(user, "en"); // the English link on the ticket page
        }

        if (code.Length == 22 && await LinkTicketAsync(user, code, ct))
        {
            return;
        }

        if (code.Length == 8 && await LinkBookingAsync(user, code.ToUpperInvariant(), ct))
        {
            return;
        }

        await ReplyAsync(user, replyToken, code.Length is 8 or 22 ? "link-unknown" : "help", [], ct);
    }

    private async Task<bool> LinkTicketAsync(string user, string token, CancellationToken ct)
    {
        var (ticket, _) = (await tickets.GetResponse<TicketStatus, CommandRejected>(new GetTicketStatus { Token = token }, ct)).Split();
        if (ticket is null || ticket.State is "completed" or "cancelled" or "no-show" or "expired")
        {
            return false;
        }

        await TicketLinking.LinkAsync(store, notifier, links, ticket.TicketId, ticket.OfficeId, ticket.Number, token, user, null, null, ct);
        return true;
    }

    private async Task<bool> LinkBookingAsync(string user, string code, CancellationToken ct)
    {
        var (booking, _) = (await bookings.GetResponse<BookingView, CommandRejected>(new GetBooking { Code = code }, ct)).Split();
        if (booking is null || booking.State != "confirmed")
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var language = MessageCatalog.Normalize(await store.UserLanguageAsync(user));
        await store.SaveSubjectAsync(new Subject(BookingSubjects.Id(code), booking.OfficeId, code, user, null, language, null), Links.BookingLifetime(booking.Date, now));
        var subject = (await store.SubjectAsync(BookingSubjects.Id(code)))!;
        await notifier.SendAsync(subject, "linked", "linked-booking",
            BookingSubjects.Values(code, booking.Date, booking.Time, links), null, ct);
        return true;
    }

    private async Task ReplyAsync(string user, string? replyToken, string kind, Dictionary<string, object?> args, CancellationToken ct)
    {
        if (replyToken is null)
        {
            return;
        }

        var language = await store.UserLanguageAsync(user);
        var message = catalog.Render(kind, language, args);
        var outcome = await line.ReplyAsync(replyToken, message, ct);
        if (outcome.Kind == "transient")
        {
            // Once more: if the first reply did reach LINE, the used token is refused (400) and nothing is doubled.
            outcome = await line.ReplyAsync(replyToken, message, ct);
        }

        if (outcome.Kind != "sent")
        {
            logger.LogInformation("LINE reply {Kind} not delivered: {Status} {Reason}", kind, outcome.Status, outcome.Reason);
        }
    }
}
