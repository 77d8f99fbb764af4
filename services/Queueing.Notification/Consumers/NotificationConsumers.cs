using MassTransit;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Reservations;
using Queueing.Contracts.Ticketing;
using Queueing.Notification.Deliveries;
using Queueing.Notification.Line;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Notification.Consumers;

/// <summary>
/// Links a ticket to a LINE user, then sends the milestones the ticket already reached (e.g. its turn is
/// approaching) so a resident who links late still hears. Linking again changes nothing and sends nothing twice.
/// </summary>
public sealed class LinkLineUserConsumer(DeliveryStore store, MilestoneSender sender) : IConsumer<LinkLineUser>
{
    public async Task Consume(ConsumeContext<LinkLineUser> context)
    {
        var m = context.Message;
        if (string.IsNullOrWhiteSpace(m.LineUserId) || !m.LineUserId.StartsWith('U'))
        {
            await context.RespondAsync(Reject.BadRequest("userId", "A LINE user id starts with 'U'."));
            return;
        }

        await store.LinkAsync(m.TicketId, m.LineUserId);
        foreach (var (milestone, text) in await store.PendingAsync(m.TicketId))
        {
            await sender.SendOnceAsync(context, m.TicketId, milestone, text);
        }

        var linked = new LineUserLinked { TicketId = m.TicketId, LineUserId = m.LineUserId };
        await context.Publish(linked);
        await context.RespondAsync(linked);
    }
}

/// <summary>"Called to counter N", once per ticket and call.</summary>
public sealed class TicketCalledConsumer(MilestoneSender sender) : IConsumer<TicketCalled>
{
    public Task Consume(ConsumeContext<TicketCalled> context) =>
        sender.SendOnceAsync(context, context.Message.TicketId, $"called@{context.Message.CalledAt.ToUnixTimeMilliseconds()}",
            MessageTexts.Called(context.Message.Number, context.Message.Counter));
}

/// <summary>"Your turn is approaching", once per ticket and queue.</summary>
public sealed class TurnApproachingConsumer(MilestoneSender sender) : IConsumer<TurnApproaching>
{
    public Task Consume(ConsumeContext<TurnApproaching> context) =>
        sender.SendOnceAsync(context, context.Message.TicketId, $"approaching@{context.Message.Queue}",
            MessageTexts.Approaching(context.Message.Number, context.Message.Position, context.Message.WaitP50, context.Message.WaitP90));
}

/// <summary>A booking's reminders (the day before, an hour before), once each, to the LINE user given at booking.</summary>
public sealed class BookingReminderDueConsumer(MilestoneSender sender) : IConsumer<BookingReminderDue>
{
    public Task Consume(ConsumeContext<BookingReminderDue> context)
    {
        var m = context.Message;
        return m.LineUserId is null
            ? Task.CompletedTask
            : sender.SendOnceToAsync(context, $"booking:{m.Code}", m.LineUserId, $"reminder-{m.Kind}", MessageTexts.Reminder(m.Kind, m.Date, m.Time, m.Code));
    }
}

/// <summary>
/// Sends a milestone message to the LINE user linked to a ticket, at most once: the delivery record is checked
/// first and the LINE retry key is derived from (ticket, milestone), so a redelivered event or a retry after a
/// crash is answered 409 by LINE instead of a second message. Transient failures throw, so MassTransit retries,
/// and after that the event waits in the error queue with its reason.
/// </summary>
public sealed class MilestoneSender(DeliveryStore store, LineClient line, TimeProvider clock, ILogger<MilestoneSender> logger)
{
    private const string Channel = "line";

    public async Task SendOnceAsync(ConsumeContext context, string ticketId, string milestone, string text)
    {
        if (await store.LinkedUserAsync(ticketId) is not { } userId)
        {
            await store.SavePendingAsync(ticketId, milestone, text);
            return;
        }

        await SendOnceToAsync(context, ticketId, userId, milestone, text);
    }

    /// <summary>Sends to a known LINE user; <paramref name="subject"/> (a ticket id or "booking:CODE") keys the delivery record.</summary>
    public async Task SendOnceToAsync(ConsumeContext context, string subject, string userId, string milestone, string text)
    {
        var ticketId = subject;
        if (await store.StatusAsync(ticketId, milestone, Channel) is "sent" or "failed")
        {
            return;
        }

        var retryKey = DeliveryStore.RetryKey(ticketId, milestone, Channel);
        var outcome = await line.PushAsync(userId, retryKey, [text], context.CancellationToken);
        var now = clock.GetUtcNow();
        switch (outcome.Kind)
        {
            case "sent":
                await store.RecordAsync(ticketId, milestone, Channel, "sent", retryKey, outcome.Status, null, now);
                await context.Publish(new NotificationSent { TicketId = ticketId, Milestone = milestone, Channel = Channel, RetryKey = retryKey, At = now });
                break;
            case "rejected":
                logger.LogWarning("LINE refused {Milestone} for {TicketId}: {Status} {Reason}", milestone, ticketId, outcome.Status, outcome.Reason);
                await store.RecordAsync(ticketId, milestone, Channel, "failed", retryKey, outcome.Status, outcome.Reason, now);
                break;
            default:
                throw new LineUnavailableException($"LINE push {milestone} for {ticketId} failed transiently: {outcome.Status} {outcome.Reason}");
        }
    }
}

public sealed class LineUnavailableException(string message) : Exception(message);
