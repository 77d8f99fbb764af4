using MassTransit;
using Microsoft.Extensions.Options;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Reservations;
using Queueing.Contracts.Ticketing;
using Queueing.Notification.Deliveries;
using Queueing.Notification.Texts;
using Queueing.ServiceDefaults.Messaging;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Notification.Consumers;

/// <summary>Links and the resident links (status page, booking page) every message may carry.</summary>
public sealed class Links(IOptions<NotificationOptions> options)
{
    private readonly string _base = options.Value.PublicBaseUrl.TrimEnd('/');

    public string Ticket(string? token) => token is null ? _base : $"{_base}/ticket.html?token={Uri.EscapeDataString(token)}";

    public string Booking(string code) => $"{_base}/booking.html?code={Uri.EscapeDataString(code)}";

    public static readonly TimeSpan TicketLifetime = TimeSpan.FromDays(2);

    /// <summary>A booking's contacts are kept until 8 days after the visit (the longest retention an office may set is shorter).</summary>
    public static TimeSpan BookingLifetime(DateOnly date, DateTimeOffset now)
    {
        var left = new DateTimeOffset(date.AddDays(8).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - now;
        return left > TimeSpan.FromHours(1) ? left : TimeSpan.FromHours(1);
    }
}

/// <summary>
/// Links a ticket to a LINE user (the resident opened the link from the ticket page), then tells them their number
/// with the status link ("ticket issued") and sends what the ticket already reached (e.g. its turn is approaching).
/// Linking again changes nothing and sends nothing twice.
/// </summary>
public sealed class LinkLineUserConsumer(DeliveryStore store, Notifier notifier, Links links) : IConsumer<LinkLineUser>
{
    public async Task Consume(ConsumeContext<LinkLineUser> context)
    {
        var m = context.Message;
        if (string.IsNullOrWhiteSpace(m.LineUserId) || !m.LineUserId.StartsWith('U'))
        {
            await context.RespondAsync(Reject.BadRequest("userId", "A LINE user id starts with 'U'."));
            return;
        }

        await TicketLinking.LinkAsync(store, notifier, links, m.TicketId, m.OfficeId, m.Number, m.Token, m.LineUserId, null, m.Language, context.CancellationToken);
        var linked = new LineUserLinked { TicketId = m.TicketId, LineUserId = m.LineUserId };
        await context.Publish(linked);
        await context.RespondAsync(linked);
    }
}

/// <summary>Linking a ticket to a resident, whichever way it happens (link, LINE message with the code, booking check-in).</summary>
public static class TicketLinking
{
    public static async Task<Subject> LinkAsync(
        DeliveryStore store, Notifier notifier, Links links, string ticketId, string officeId, string number, string? token,
        string? lineUserId, string? email, string? language, CancellationToken ct)
    {
        var lang = language is { Length: > 0 } chosen
            ? MessageCatalog.Normalize(chosen)
            : lineUserId is null ? MessageCatalog.DefaultLanguage : MessageCatalog.Normalize(await store.UserLanguageAsync(lineUserId));
        await store.SaveSubjectAsync(new Subject(ticketId, officeId, number, lineUserId, email, lang, token), Links.TicketLifetime);
        var subject = (await store.SubjectAsync(ticketId))!;
        await notifier.SendAsync(subject, "ticket-issued", "ticket-issued",
            new() { ["number"] = number, ["link"] = links.Ticket(subject.Token) }, null, ct);
        await notifier.FlushPendingAsync(subject, ct);
        return subject;
    }
}

/// <summary>"Called to counter N", once per ticket and call (a recall is the same call).</summary>
public sealed class TicketCalledConsumer(Notifier notifier, DeliveryStore store) : IConsumer<TicketCalled>
{
    public async Task Consume(ConsumeContext<TicketCalled> context)
    {
        var m = context.Message;
        await store.MarkCalledAsync(m.TicketId, m.Queue);
        await notifier.NotifyAsync(m.TicketId, $"called@{m.CalledAt.ToUnixTimeMilliseconds()}", "called",
            new() { ["number"] = m.Number, ["counter"] = m.Counter }, keepUntilLinked: true, context.CancellationToken);
    }
}

/// <summary>"Your turn is approaching", once per ticket and queue.</summary>
public sealed class TurnApproachingConsumer(Notifier notifier) : IConsumer<TurnApproaching>
{
    public Task Consume(ConsumeContext<TurnApproaching> context)
    {
        var m = context.Message;
        return notifier.NotifyAsync(m.TicketId, $"approaching@{m.Queue}", "approaching",
            new() { ["number"] = m.Number, ["position"] = $"{m.Position}", ["p50"] = $"{m.WaitP50}", ["p90"] = $"{m.WaitP90}" },
            keepUntilLinked: true, context.CancellationToken);
    }
}

/// <summary>"We called you several times": the ticket became a no-show.</summary>
public sealed class TicketNoShowConsumer(Notifier notifier) : IConsumer<TicketChanged>
{
    public Task Consume(ConsumeContext<TicketChanged> context) =>
        context.Message.Action == "no-show"
            ? notifier.NotifyAsync(context.Message.Ticket.TicketId, "no-show", "no-show", new() { ["number"] = context.Message.Ticket.Number }, keepUntilLinked: false, context.CancellationToken)
            : Task.CompletedTask;
}

/// <summary>A short thank-you with the one-question satisfaction survey (LINE quick-reply buttons) after the whole visit.</summary>
public sealed class TicketCompletedConsumer(Notifier notifier, DeliveryStore store) : IConsumer<TicketCompleted>
{
    public async Task Consume(ConsumeContext<TicketCompleted> context)
    {
        var m = context.Message;
        await notifier.NotifyAsync(m.TicketId, "thank-you", "thank-you", new() { ["number"] = m.Number }, keepUntilLinked: false, context.CancellationToken);
        if (await store.SubjectAsync(m.TicketId) is { LineUserId: { } user })
        {
            await store.SetUserAsync(user, new("survey", m.TicketId), new("surveyOffice", m.OfficeId));
        }
    }
}

/// <summary>Booking confirmed, moved, cancelled (or ended as a no-show), to the contacts the resident chose.</summary>
public sealed class BookingEventsConsumer(DeliveryStore store, Notifier notifier, Links links, TimeProvider clock)
    : IConsumer<BookingConfirmed>, IConsumer<BookingRescheduled>, IConsumer<BookingCancelled>
{
    public Task Consume(ConsumeContext<BookingConfirmed> context) =>
        SendAsync(context.Message, "booking-confirmed", "booking-confirmed", [], context.CancellationToken);

    public Task Consume(ConsumeContext<BookingRescheduled> context)
    {
        var m = context.Message;
        // Each move is its own message (moving A -> B -> A tells the resident twice); a redelivered event has the same At.
        return SendAsync(m, $"booking-changed@{m.At.ToUnixTimeMilliseconds()}", "booking-changed",
            new() { ["previous"] = $"{m.PreviousDate:yyyy-MM-dd} {m.PreviousTime}" }, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<BookingCancelled> context) =>
        SendAsync(context.Message, "booking-cancelled", context.Message.Reason == "no-show" ? "booking-no-show" : "booking-cancelled", [], context.CancellationToken);

    private async Task SendAsync(BookingEvent m, string milestone, string kind, Dictionary<string, string> extra, CancellationToken ct)
    {
        if (await BookingSubjects.SaveAsync(store, m, clock.GetUtcNow()) is not { } subject)
        {
            return;
        }

        var values = BookingSubjects.Values(m, links);
        foreach (var (k, v) in extra)
        {
            values[k] = v;
        }

        await notifier.SendAsync(subject, milestone, kind, values, null, ct);
    }
}

/// <summary>
/// The day-before and hour-before reminders of a booking. A reminder that comes too late to be true ("tomorrow" on the
/// day itself, after a long outage) is not sent but logged as expired: the day-before reminder is good until the visit
/// day starts, the hour-before one until the slot.
/// </summary>
public sealed class BookingReminderDueConsumer(DeliveryStore store, Notifier notifier, Links links, OfficeCatalog offices, TimeProvider clock) : IConsumer<BookingReminderDue>
{
    public async Task Consume(ConsumeContext<BookingReminderDue> context)
    {
        var m = context.Message;
        var now = clock.GetUtcNow();
        if (await BookingSubjects.SaveAsync(store, m.OfficeId, m.Code, m.Date, m.LineUserId, m.Email, m.Language, now) is { } subject)
        {
            // Per slot: a booking moved after its reminder went out gets a reminder for the new slot too.
            var kind = $"reminder-{m.Kind}";
            await notifier.SendAsync(subject, $"{kind}@{m.Date:yyyy-MM-dd}T{m.Time}", kind,
                BookingSubjects.Values(m.Code, m.Date, m.Time, links),
                ReminderGoodUntil(m), context.CancellationToken);
        }
    }

    private DateTimeOffset? ReminderGoodUntil(BookingReminderDue m)
    {
        var zone = offices.Find(m.OfficeId)?.Zone ?? TimeZoneInfo.Utc;
        var local = m.Kind == "day-before" || !TimeOnly.TryParse(m.Time, System.Globalization.CultureInfo.InvariantCulture, out var time)
            ? m.Date.ToDateTime(TimeOnly.MinValue)
            : m.Date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

/// <summary>A checked-in booking became a ticket: the booking's contacts and language now follow the ticket.</summary>
public sealed class BookingCheckedInConsumer(DeliveryStore store, Notifier notifier, Links links, TimeProvider clock) : IConsumer<BookingCheckedIn>
{
    public async Task Consume(ConsumeContext<BookingCheckedIn> context)
    {
        var m = context.Message;
        if (await BookingSubjects.SaveAsync(store, m, clock.GetUtcNow()) is { } booking)
        {
            await TicketLinking.LinkAsync(store, notifier, links, m.TicketId, m.OfficeId, m.TicketNumber, m.TicketToken,
                booking.LineUserId, booking.Email, booking.Language, context.CancellationToken);
        }
    }
}

public static class BookingSubjects
{
    public static string Id(string code) => $"booking:{code}";

    /// <summary>Saves the booking's contacts (keeping a LINE link made in chat) and returns the subject, or null when nobody can be told.</summary>
    public static Task<Subject?> SaveAsync(DeliveryStore store, BookingEvent m, DateTimeOffset now) =>
        SaveAsync(store, m.OfficeId, m.Code, m.Date, m.LineUserId, m.Email, m.Language, now);

    public static async Task<Subject?> SaveAsync(
        DeliveryStore store, string officeId, string code, DateOnly date, string? lineUserId, string? email, string language, DateTimeOffset now)
    {
        if (lineUserId is null && email is null && await store.SubjectAsync(Id(code)) is null)
        {
            return null; // no contact given and none linked in LINE: nothing to store, nobody to tell
        }

        await store.SaveSubjectAsync(new Subject(Id(code), officeId, code, lineUserId, email, MessageCatalog.Normalize(language), null),
            Links.BookingLifetime(date, now));
        var subject = await store.SubjectAsync(Id(code));
        return subject is { LineUserId: null, Email: null } ? null : subject;
    }

    public static Dictionary<string, string> Values(BookingEvent m, Links links) => Values(m.Code, m.Date, m.Time, links);

    public static Dictionary<string, string> Values(string code, DateOnly date, string time, Links links) =>
        new() { ["code"] = code, ["date"] = $"{date:yyyy-MM-dd}", ["time"] = time, ["link"] = links.Booking(code) };
}

/// <summary>Supervisor: the day's deliveries (all, or one ticket number / booking code) and counts.</summary>
public sealed class GetDeliveryLogConsumer(DeliveryStore store, OfficeCatalog offices) : IConsumer<GetDeliveryLog>
{
    private const int MaxEntries = 500;

    public async Task Consume(ConsumeContext<GetDeliveryLog> context)
    {
        var m = context.Message;
        if (offices.Find(m.OfficeId) is null)
        {
            await context.RespondAsync(Reject.NotFound("officeId", $"Office '{m.OfficeId}' does not exist."));
            return;
        }

        var subject = m.Subject?.Trim();
        var (entries, counts, survey) = await store.DayAsync(m.OfficeId, m.Date, subject is { Length: > 0 } ? null : MaxEntries);
        var chosen = (subject is { Length: > 0 } ? entries.Where(e => string.Equals(e.Subject, subject, StringComparison.OrdinalIgnoreCase)) : entries)
            .Reverse().Take(MaxEntries).ToList();
        await context.RespondAsync(new DeliveryLog
        {
            OfficeId = m.OfficeId, Date = m.Date, Entries = chosen, Survey = survey,
            Sent = counts.GetValueOrDefault("sent"), Retried = counts.GetValueOrDefault("retried"), Failed = counts.GetValueOrDefault("failed"),
        });
    }
}
