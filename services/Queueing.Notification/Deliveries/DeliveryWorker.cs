using Microsoft.Extensions.Options;
using Queueing.Notification.Email;
using Queueing.Notification.Line;

namespace Queueing.Notification.Deliveries;

/// <summary>
/// Makes one attempt at a delivery and decides what comes next, and (as a background service) runs the durable
/// schedule: every due delivery in Redis is claimed with a lease and attempted, so deliveries go on after a restart
/// of this service or of RabbitMQ, and a crash mid-attempt only delays a message.
/// <list type="bullet">
/// <item>sent (200, or LINE's 409 for an already-accepted retry key): final.</item>
/// <item>refused for good (other 4xx, SMTP 5xx, the resident blocked the account): final "failed", then e-mail if the resident gave one.</item>
/// <item>transient (429, 5xx, timeout, circuit open, SMTP 4xx): "retrying", due again after a doubling delay with jitter,
/// until <see cref="NotificationOptions.MaxAttempts"/> or the milestone's lifetime runs out.</item>
/// </list>
/// </summary>
public sealed partial class DeliveryWorker(
    DeliveryStore store, LineClient line, EmailSender email, IOptions<NotificationOptions> options, TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private const int Batch = 64;
    private readonly NotificationOptions _options = options.Value;

    /// <summary>Attempts a delivery now if it is due and nobody else holds it.</summary>
    public async Task TryDeliverAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await store.ClaimAsync(key, now, now.AddSeconds(_options.LeaseSeconds)) is { } delivery)
        {
            await AttemptAsync(delivery, ct);
        }
    }

    /// <summary>The wait before attempt n + 1 after n failed attempts: first × 2^(n-1), capped, ±20% jitter.</summary>
    public static TimeSpan Backoff(int attempts, double firstSeconds, double maxMinutes, double jitter01)
    {
        var seconds = Math.Min(firstSeconds * Math.Pow(2, Math.Max(0, attempts - 1)), maxMinutes * 60);
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * jitter01)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                var due = await store.DueAsync(clock.GetUtcNow(), Batch);
                full = due.Count == Batch;
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stoppingToken },
                    async (key, ct) => await TryDeliverAsync(key, ct));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The delivery schedule could not run; trying again shortly");
            }

            if (!full)
            {
                try
                {
                    await Task.Delay(_options.PollMilliseconds, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task AttemptAsync(Delivery d, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now > d.Expires)
        {
            await store.FinishAsync(d, "expired", "the moment passed before the message could be delivered", now, null, "expired");
            return;
        }

        if (d.Milestone.StartsWith("approaching@", StringComparison.Ordinal) && await store.WasCalledAsync(d.SubjectId, d.Milestone["approaching@".Length..]))
        {
            await store.FinishAsync(d, "expired", "superseded: the ticket was already called", now, null, "expired");
            return;
        }

        var outcome = d.Channel == "line"
            ? await store.IsBlockedAsync(d.To)
                ? PushOutcome.Rejected(0, "The resident blocked the LINE account (unfollow).")
                : await line.PushAsync(d.To, d.RetryKey, d.Message, ct)
            : await email.SendAsync(d.To, d.Message, d.RetryKey, ct);

        now = clock.GetUtcNow();
        switch (outcome.Kind)
        {
            case "sent":
                // Recorded in Redis only: delivering never waits for RabbitMQ, so messages go out while the broker is down.
                await store.FinishAsync(d, "sent", outcome.Status == 409 ? "409: an earlier attempt was already accepted" : null, now, null, "sent");

                break;
            case "rejected":
                logger.LogWarning("{Channel} refused {Milestone} for {Subject}: {Reason}", d.Channel, d.Milestone, d.Label, Describe(outcome));
                if (await store.FinishAsync(d, "failed", Describe(outcome), now, null, "failed"))
                {
                    await FallBackAsync(d, now, ct); // only the attempt that ended it, never after another attempt sent it
                }

                break;
            default:
                if (d.Attempts >= _options.MaxAttempts)
                {
                    if (await store.FinishAsync(d, "failed", $"gave up after {d.Attempts} attempts: {Describe(outcome)}", now, null, "failed"))
                    {
                        await FallBackAsync(d, now, ct);
                    }

                }
                else
                {
                    var next = now + Backoff(d.Attempts, _options.FirstRetrySeconds, _options.MaxRetryMinutes, Random.Shared.NextDouble());
                    await store.FinishAsync(d, "retrying", Describe(outcome), now, next, "retried");
                }

                break;
        }
    }

    /// <summary>LINE refused for good: the same milestone goes by e-mail when the resident gave an address.</summary>
    private async Task FallBackAsync(Delivery d, DateTimeOffset now, CancellationToken ct)
    {
        if (d.FallbackEmail is not { } address || !email.Enabled)
        {
            return;
        }

        var mail = d with
        {
            Key = DeliveryStore.DeliveryKey(d.SubjectId, d.Milestone, "email"), Channel = "email", To = address, FallbackEmail = null, Status = "queued", Attempts = 0,
        };
        if (await store.EnqueueAsync(mail, now))
        {
            await store.LogAsync(mail, now, "fallback", "LINE could not deliver; sending by e-mail instead", "fallback");
            await TryDeliverAsync(mail.Key, ct);
        }
    }

    /// <summary>The reason for the log: one line, short, and without the addresses a mail server may quote back.</summary>
    private static string Describe(PushOutcome outcome)
    {
        var reason = EmailAddress().Replace((outcome.Reason ?? "").ReplaceLineEndings(" "), "(address)");
        reason = reason.Length > 300 ? reason[..300] : reason;
        return outcome.Status == 0 ? reason : $"{outcome.Status}: {reason}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s<>""']+@[^\s<>""']+")]
    private static partial System.Text.RegularExpressions.Regex EmailAddress();
}
