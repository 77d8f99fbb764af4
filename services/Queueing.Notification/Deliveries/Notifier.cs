using System.Globalization;
using Queueing.Notification.Texts;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Notification.Deliveries;

/// <summary>
/// Turns a milestone into deliveries: the resident's LINE (e-mail kept as the fallback), or e-mail when that is the
/// only contact. A milestone reached before the ticket is linked waits (for a while) and goes out on linking.
/// Idempotent: the same (subject, milestone, channel) is recorded once however often an event arrives.
/// </summary>
public sealed class Notifier(DeliveryStore store, MessageCatalog catalog, DeliveryWorker worker, OfficeCatalog offices, TimeProvider clock)
{
    public async Task NotifyAsync(string subjectId, string milestone, string kind, Dictionary<string, string> values, bool keepUntilLinked, CancellationToken ct)
    {
        var subject = await store.SubjectAsync(subjectId);
        if (subject is null || (subject.LineUserId is null && subject.Email is null))
        {
            if (keepUntilLinked)
            {
                await store.SavePendingAsync(subjectId, new PendingMessage(milestone, kind, values, clock.GetUtcNow() + Milestones.Lifetime(kind)));

                // The resident may have linked between our read and the save, after the link flushed what was pending.
                if (await store.SubjectAsync(subjectId) is { } linked && (linked.LineUserId is not null || linked.Email is not null))
                {
                    await FlushPendingAsync(linked, ct);
                }
            }

            return;
        }

        await SendAsync(subject, milestone, kind, values, null, ct);
    }

    /// <summary>Sends what waited for the subject to be linked (still worth sending), e.g. "your turn is approaching".</summary>
    public async Task FlushPendingAsync(Subject subject, CancellationToken ct)
    {
        foreach (var pending in await store.PendingAsync(subject.Id))
        {
            await SendAsync(subject, pending.Milestone, pending.Kind, pending.Values, pending.Expires, ct);
        }
    }

    /// <summary>Sends to the subject's contacts now; <paramref name="expires"/> defaults to now + the milestone's lifetime.</summary>
    public async Task SendAsync(Subject subject, string milestone, string kind, Dictionary<string, string> values, DateTimeOffset? expires, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (channel, to, fallback) = subject.LineUserId is { } line ? ("line", line, subject.Email) : ("email", subject.Email!, null);
        // The survey is LINE's one-tap quick reply; an e-mail says thank you without it.
        var message = catalog.Render(channel == "email" && kind == "thank-you" ? "thank-you-mail" : kind, subject.Language, Args(values));
        var day = offices.LocalDate(subject.OfficeId, now);
        var delivery = new Delivery(DeliveryStore.DeliveryKey(subject.Id, milestone, channel), subject.Id, subject.OfficeId, subject.Label, day,
            milestone, channel, to, message, "queued", 0, expires ?? now + Milestones.Lifetime(kind), fallback);
        if (await store.EnqueueAsync(delivery, now))
        {
            await worker.TryDeliverAsync(delivery.Key, ct);
        }
    }

    /// <summary>Values that are dates (yyyy-MM-dd) become dates, so each language writes them its own way.</summary>
    private static Dictionary<string, object?> Args(Dictionary<string, string> values) =>
        values.ToDictionary(v => v.Key, v => DateOnly.TryParseExact(v.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (object?)date
            : v.Value);
}
