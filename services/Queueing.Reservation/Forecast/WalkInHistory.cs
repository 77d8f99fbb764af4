using System.Globalization;
using Queueing.Reservation.Bookings;
using Queueing.ServiceDefaults.Offices;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Reservation.Forecast;

/// <summary>
/// Walk-in tickets counted per office day, queue and hour, so the crowd forecast can learn from what happened.
/// Keys (with the office's hash tag, beside the bookings):
/// <code>
/// rs:{o}:walkins:{date}         HASH  {queue}:{hour} → walk-in tickets issued that office day in that hour (kept 9 weeks)
/// rs:{o}:walkins-seen:{date}    SET   ticket ids already counted that day (a redelivered TicketIssued counts once; kept 2 days)
/// rs:{o}:walkin-days:{weekday}  ZSET  date → day number: the days of that weekday with walk-ins, newest 9 kept
/// </code>
/// </summary>
public sealed class WalkInHistory(RedisConnection redis)
{
    // KEYS: seen set, day hash, weekday days. ARGV: ticket id, field, date, day number, day hash ttl (s), days to keep.
    private const string CountScript = """
        if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('EXPIRE', KEYS[1], 172800)
        redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
        redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
        redis.call('ZADD', KEYS[3], tonumber(ARGV[4]), ARGV[3])
        redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[6]) + 1))
        return 1
        """;

    private static readonly int KeepSeconds = (int)TimeSpan.FromDays(7 * (WalkInForecast.MaxDays + 1)).TotalSeconds;

    /// <summary>Counts one walk-in ticket in its office day and hour; false when it was counted before.</summary>
    public async Task<bool> CountAsync(Office office, string ticketId, string queue, DateTimeOffset issuedAt)
    {
        var local = TimeZoneInfo.ConvertTime(issuedAt, office.Zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var p = BookingStore.Prefix(office.Id);
        var result = await redis.ScriptAsync(
            CountScript,
            [$"{p}walkins-seen:{BookingStore.Day(day)}", $"{p}walkins:{BookingStore.Day(day)}", $"{p}walkin-days:{day.DayOfWeek}"],
            [ticketId, Field(queue, local.Hour), BookingStore.Day(day), day.DayNumber, KeepSeconds, WalkInForecast.MaxDays + 1]);
        return (int)result == 1;
    }

    /// <summary>
    /// Expected walk-ins per hour for each (weekday, queue, hour) of the given weekdays: learnt from the newest
    /// observed same-weekday days before <paramref name="today"/>, else the configured profile (WalkInForecast).
    /// </summary>
    public async Task<Func<DayOfWeek, string, int, double>> ForecastAsync(Office office, DateOnly today, IEnumerable<DayOfWeek> weekdays)
    {
        var p = BookingStore.Prefix(office.Id);
        var observed = new Dictionary<DayOfWeek, List<Dictionary<string, int>>>();
        foreach (var weekday in weekdays.Distinct())
        {
            var days = await redis.ExecuteAsync(db => db.SortedSetRangeByScoreAsync(
                $"{p}walkin-days:{weekday}", double.NegativeInfinity, today.DayNumber - 1, Exclude.None, Order.Descending, 0, WalkInForecast.MaxDays));
            var counts = await Task.WhenAll(days.Select(d => redis.ExecuteAsync(db => db.HashGetAllAsync($"{p}walkins:{(string)d!}"))));
            observed[weekday] = counts.Select(c => c.ToDictionary(f => (string)f.Name!, f => (int)f.Value)).ToList();
        }

        return (weekday, queue, hour) => WalkInForecast.PerHour(
            observed.TryGetValue(weekday, out var days) ? days.Select(d => d.GetValueOrDefault(Field(queue, hour))).ToList() : [],
            WalkInForecast.Configured(office, queue, hour));
    }

    private static string Field(string queue, int hour) => $"{queue}:{hour.ToString("00", CultureInfo.InvariantCulture)}";
}
