using System.Globalization;
using MassTransit;
using Queueing.Contracts.Reservations;
using Queueing.Reservation.Bookings;
using Queueing.ServiceDefaults.Offices;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Reservation.Reminders;

/// <summary>
/// A durable scheduler of our own for reminders and the no-show at the end of each check-in window (Debian's RabbitMQ has no delayed-message plugin). Reminders wait in a Redis
/// sorted set by due time; the poller claims due ones into a lease set in one script, publishes them, then
/// drops the lease. A poller that dies after claiming leaves a lease that expires and is claimed again, so a
/// restart never loses a reminder; a reminder published twice is sent once (Notification keys its delivery
/// record by booking and kind).
/// <code>
/// rs:reminders        ZSET officeId|code|kind → due (ms)
/// rs:reminders:lease  ZSET officeId|code|kind → lease expiry (ms)
/// </code>
/// </summary>
public sealed class ReminderScheduler(RedisConnection redis, OfficeCatalog offices, BookingStore bookings, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReminderScheduler> logger)
    : BackgroundService
{
    public static readonly (string Kind, TimeSpan Before)[] Kinds = [("day-before", TimeSpan.FromDays(1)), ("hour-before", TimeSpan.FromHours(1))];

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    // ARGV: now, lease ms, limit. Expired leases go back to due; then due reminders move into the lease set.
    private const string ClaimScript = """
        local now = tonumber(ARGV[1])
        for _, m in ipairs(redis.call('ZRANGEBYSCORE', 'rs:reminders:lease', '-inf', now)) do
          redis.call('ZREM', 'rs:reminders:lease', m)
          redis.call('ZADD', 'rs:reminders', now, m)
        end
        local due = redis.call('ZRANGEBYSCORE', 'rs:reminders', '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
        for _, m in ipairs(due) do
          redis.call('ZREM', 'rs:reminders', m)
          redis.call('ZADD', 'rs:reminders:lease', now + tonumber(ARGV[2]), m)
        end
        return due
        """;

    public static async Task ScheduleAsync(RedisConnection redis, Office office, string code, DateOnly date, TimeOnly time, DateTimeOffset now)
    {
        var slot = new DateTimeOffset(date.ToDateTime(time), office.Zone.GetUtcOffset(date.ToDateTime(time)));
        foreach (var (kind, before) in Kinds)
        {
            var due = slot - before;
            if (due > now)
            {
                await redis.ExecuteAsync(db => db.SortedSetAddAsync("rs:reminders", $"{office.Id}|{code}|{kind}", due.ToUnixTimeMilliseconds()));
            }
        }

        // The end of the check-in window: a booking still not checked in becomes a no-show and frees its capacity.
        var windowEnd = slot.AddMinutes(office.Booking.CheckInLateMinutes);
        await redis.ExecuteAsync(db => db.SortedSetAddAsync("rs:reminders", $"{office.Id}|{code}|{NoShow}", windowEnd.ToUnixTimeMilliseconds()));
    }

    public const string NoShow = "no-show";

    public static Task CancelAsync(RedisConnection redis, string officeId, string code) =>
        redis.ExecuteAsync(db => db.SortedSetRemoveAsync("rs:reminders", Kinds.Select(k => k.Kind).Append(NoShow).Select(k => (RedisValue)$"{officeId}|{code}|{k}").ToArray()));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reminder poll failed; trying again");
            }
        }
    }

    /// <summary>
    /// The end of a check-in window: a booking still confirmed (and really past its window: a moved booking has a
    /// later one) becomes a no-show and frees its capacity; BookingCancelled (reason no-show) tells the resident.
    /// A lease claimed again after a crash finds the no-show already made and publishes it again.
    /// </summary>
    private async Task NoShowAsync(IPublishEndpoint bus, string officeId, string code, IReadOnlyDictionary<string, string>? booking, CancellationToken ct)
    {
        if (booking is null || offices.Find(officeId) is not { } office)
        {
            return;
        }

        var slot = DateOnly.ParseExact(booking["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture)
            .ToDateTime(TimeOnly.ParseExact(booking["time"], "HHmm", CultureInfo.InvariantCulture));
        var windowEnd = new DateTimeOffset(slot, office.Zone.GetUtcOffset(slot)).AddMinutes(office.Booking.CheckInLateMinutes);
        var now = clock.GetUtcNow();
        if (booking["state"] == "confirmed" && now < windowEnd)
        {
            return;
        }

        var result = booking["state"] == "confirmed" ? await bookings.EndAsync(officeId, code, NoShow, NoShow) : booking["state"];
        if (result is "ok" or NoShow)
        {
            logger.LogInformation("Booking {Code} was not checked in: no-show, capacity released", code);
            await bus.Publish(BookingPublications.Cancelled(officeId, (await bookings.GetAsync(officeId, code))!, now), ct);
        }
    }

    public async Task RunDueAsync(CancellationToken ct)
    {
        var due = (RedisResult[])(await redis.ScriptAsync(ClaimScript, [], [clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)Lease.TotalMilliseconds, 100]))!;
        if (due.Length == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        foreach (var member in due.Select(d => (string)d!))
        {
            var parts = member.Split('|');
            var booking = offices.Find(parts[0]) is null ? null : await bookings.GetAsync(parts[0], parts[1]);
            if (parts[2] == NoShow)
            {
                await NoShowAsync(bus, parts[0], parts[1], booking, ct);
            }
            else if (booking is { } b && b["state"] == "confirmed")
            {
                await bus.Publish(new BookingReminderDue
                {
                    OfficeId = parts[0],
                    Code = parts[1],
                    Kind = parts[2],
                    Date = DateOnly.ParseExact(b["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Time = TimeOnly.ParseExact(b["time"], "HHmm", CultureInfo.InvariantCulture).ToString("HH:mm", CultureInfo.InvariantCulture),
                    LineUserId = b.GetValueOrDefault("lineUserId") is { Length: > 0 } line ? line : null,
                    Email = b.GetValueOrDefault("email") is { Length: > 0 } email ? email : null,
                    Language = b.GetValueOrDefault("language") is { Length: > 0 } language ? language : "ja",
                }, ct);
            }

            await redis.ExecuteAsync(db => db.SortedSetRemoveAsync("rs:reminders:lease", member));
        }
    }
}
