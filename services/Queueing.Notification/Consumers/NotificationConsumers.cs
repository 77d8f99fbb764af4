using MassTransit;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Ticketing;
using Queueing.Notification.Deliveries;
using Queueing.Notification.Line;
using Queueing.ServiceDefaults.Messaging;

namespace Queueing.Notification.Consumers;

/// <summary>Links a ticket to a LINE user. Linking again with the same user changes nothing.</summary>
public sealed class LinkLineUserConsumer(DeliveryStore store) : IConsumer<LinkLineUser>
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
        var linked = new LineUserLinked { TicketId = m.TicketId, LineUserId = m.LineUserId };
        await context.Publish(linked);
        await context.RespondAsync(linked);
    }
}

/// <summary>
/// Tells a linked resident their number is called. At most once: the delivery record is checked first and the
/// LINE retry key is derived from (ticket, milestone), so a redelivered event or a retry after a crash is
/// answered 409 by LINE instead of a second message. Transient failures throw, so MassTransit retries, and
/// after that the event waits in the error queue with its reason.
/// </summary>
public sealed class TicketCalledConsumer(DeliveryStore store, LineClient line, TimeProvider clock, ILogger<TicketCalledConsumer> logger)
    : IConsumer<TicketCalled>
{
    private const string Milestone = "called";
    private const string Channel = "line";

    public async Task Consume(ConsumeContext<TicketCalled> context)
    {
        var called = context.Message;
        if (await store.LinkedUserAsync(called.TicketId) is not { } userId)
        {
            return;
        }

        if (await store.StatusAsync(called.TicketId, Milestone, Channel) is "sent" or "failed")
        {
            return;
        }

        var retryKey = DeliveryStore.RetryKey(called.TicketId, Milestone, Channel);
        var outcome = await line.PushAsync(userId, retryKey, [MessageTexts.Called(called.Number, called.Counter)], context.CancellationToken);
        var now = clock.GetUtcNow();
        switch (outcome.Kind)
        {
            case "sent":
                await store.RecordAsync(called.TicketId, Milestone, Channel, "sent", retryKey, outcome.Status, null, now);
                await context.Publish(new NotificationSent { TicketId = called.TicketId, Milestone = Milestone, Channel = Channel, RetryKey = retryKey, At = now });
                break;
            case "rejected":
                logger.LogWarning("LINE refused {Milestone} for {TicketId}: {Status} {Reason}", Milestone, called.TicketId, outcome.Status, outcome.Reason);
                await store.RecordAsync(called.TicketId, Milestone, Channel, "failed", retryKey, outcome.Status, outcome.Reason, now);
                break;
            default:
                throw new LineUnavailableException($"LINE push for {called.TicketId} failed transiently: {outcome.Status} {outcome.Reason}");
        }
    }
}

public sealed class LineUnavailableException(string message) : Exception(message);
