using System.Globalization;
using System.Security.Cryptography;
using Queueing.ServiceDefaults.Offices;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Reservation.Bookings;

/// <summary>
/// Reservation's state in Redis. Key scheme (an office's keys share the hash tag {officeId}):
/// <code>
/// rs:{o}:used:{date}:{HHmm}:{queue}   STRING booked counter-minutes of a slot in a queue
/// rs:{o}:b:{code}                     HASH   booking: date, time, procedures, needs (queue:minutes,…), state, contacts (lineUserId,
///                                            email), language, bookedBy (staff), the last move (prevDate, prevTime, movedBy,
///                                            moves), how it ended (endReason, endedBy), ticket
///                                            (expires at the end of the visit day + the office's retentionDays)
/// rs:{o}:day:{date}                   SET    codes booked that day (staff view)
/// rs:{o}:cmd:{commandId}              STRING code a command produced (idempotency, 24 h)
/// rs:code:{code}                      STRING code → office (a code is all a resident needs; expires with the booking)
/// </code>
/// Capacity is checked and taken in one Lua script, so concurrent attempts never overbook.
/// </summary>
public sealed class BookingStore(RedisConnection redis)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    // ARGV: prefix, commandId, code, date, HHmm, procedures, needs csv, lineUserId, email, createdAt, language, bookedBy,
    // then (queue, need, capacity)…
    private const string BookScript = """
        local p = ARGV[1]
        local done = redis.call('GET', p .. 'cmd:' .. ARGV[2])
        if done then return {'existing', done} end
        for i = 13, #ARGV, 3 do
          local used = tonumber(redis.call('GET', p .. 'used:' .. ARGV[4] .. ':' .. ARGV[5] .. ':' .. ARGV[i]) or '0')
          if used + tonumber(ARGV[i + 1]) > tonumber(ARGV[i + 2]) then return {'full', ARGV[i]} end
        end
        for i = 13, #ARGV, 3 do
          redis.call('INCRBY', p .. 'used:' .. ARGV[4] .. ':' .. ARGV[5] .. ':' .. ARGV[i], ARGV[i + 1])
        end
        redis.call('HSET', p .. 'b:' .. ARGV[3], 'code', ARGV[3], 'date', ARGV[4], 'time', ARGV[5], 'procedures', ARGV[6],
          'needs', ARGV[7], 'lineUserId', ARGV[8], 'email', ARGV[9], 'createdAt', ARGV[10], 'state', 'confirmed',
          'language', ARGV[11], 'bookedBy', ARGV[12])
        redis.call('SADD', p .. 'day:' .. ARGV[4], ARGV[3])
        redis.call('SET', p .. 'cmd:' .. ARGV[2], ARGV[3], 'EX', 86400)
        return {'booked', ARGV[3]}
        """;

    // ARGV: prefix, code, new state ('cancelled' and 'no-show' release capacity), reason, by (staff id or ''). Only from 'confirmed'.
    private const string EndScript = """
        local key = ARGV[1] .. 'b:' .. ARGV[2]
        local state = redis.call('HGET', key, 'state')
        if not state then return 'missing' end
        if state ~= 'confirmed' then return state end
        if ARGV[3] == 'cancelled' or ARGV[3] == 'no-show' then
          local date, time = redis.call('HGET', key, 'date'), redis.call('HGET', key, 'time')
          for q, need in string.gmatch(redis.call('HGET', key, 'needs'), '([^:,]+):(%d+)') do
            redis.call('DECRBY', ARGV[1] .. 'used:' .. date .. ':' .. time .. ':' .. q, need)
          end
        end
        redis.call('HSET', key, 'state', ARGV[3], 'endReason', ARGV[4], 'endedBy', ARGV[5])
        return 'ok'
        """;

    // ARGV: prefix, code, new date, new HHmm, movedBy (staff id or ''), then (queue, need, capacity)…
    // Takes the new slot, then releases the old; 'same' when the booking is already there (a repeated move).
    private const string MoveScript = """
        local p = ARGV[1]
        local key = p .. 'b:' .. ARGV[2]
        local state = redis.call('HGET', key, 'state')
        if not state then return 'missing' end
        if state ~= 'confirmed' then return state end
        local date, time = redis.call('HGET', key, 'date'), redis.call('HGET', key, 'time')
        if date == ARGV[3] and time == ARGV[4] then return 'same' end
        for i = 6, #ARGV, 3 do
          local used = tonumber(redis.call('GET', p .. 'used:' .. ARGV[3] .. ':' .. ARGV[4] .. ':' .. ARGV[i]) or '0')
          if used + tonumber(ARGV[i + 1]) > tonumber(ARGV[i + 2]) then return 'full' end
        end
        for i = 6, #ARGV, 3 do
          redis.call('INCRBY', p .. 'used:' .. ARGV[3] .. ':' .. ARGV[4] .. ':' .. ARGV[i], ARGV[i + 1])
          redis.call('DECRBY', p .. 'used:' .. date .. ':' .. time .. ':' .. ARGV[i], ARGV[i + 1])
        end
        redis.call('HSET', key, 'date', ARGV[3], 'time', ARGV[4], 'prevDate', date, 'prevTime', time, 'movedBy', ARGV[5])
        redis.call('HINCRBY', key, 'moves', 1)
        redis.call('SMOVE', p .. 'day:' .. date, p .. 'day:' .. ARGV[3], ARGV[2])
        return 'ok'
        """;

    public static string Prefix(string officeId) => $"rs:{{{officeId}}}:";

    public static string NewCode() => string.Create(8, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });

    public static bool LooksLikeCode(string code) => code.Length == 8 && code.All(Alphabet.Contains);

    /// <summary>
    /// Takes capacity and records the booking; null (and the full queue) when a queue has no room left. Existing is true
    /// when this command had already booked (a redelivery or a repeated request): nothing changed this time.
    /// </summary>
    public async Task<(string? Code, string? FullQueue, bool Existing)> BookAsync(
        Office office, Guid commandId, DateOnly date, TimeOnly time, IReadOnlyList<Procedure> procedures, NewBooking booking, DateTimeOffset now)
    {
        var need = Slots.SlotCalendar.Need(procedures);
        var code = NewCode();
        RedisValue[] args =
        [
            Prefix(office.Id), commandId.ToString("N"), code, Day(date), Hhmm(time), string.Join(',', procedures.Select(p => p.Code)),
            string.Join(',', need.Select(n => $"{n.Key}:{n.Value}")), booking.LineUserId ?? "", booking.Email ?? "", now.ToUnixTimeMilliseconds(),
            booking.Language, booking.StaffId ?? "",
            .. need.SelectMany(n => new RedisValue[] { n.Key, n.Value, Slots.SlotCalendar.CapacityMinutes(office, n.Key) }),
        ];
        var r = (RedisResult[])(await redis.ScriptAsync(BookScript, [], args))!;
        if ((string)r[0]! == "full")
        {
            return (null, (string)r[1]!, false);
        }

        var booked = (string)r[1]!;
        await redis.ExecuteAsync(db => db.StringSetAsync($"rs:code:{booked}", office.Id));
        await ForgetAfterAsync(office, booked, date);
        return (booked, null, (string)r[0]! == "existing");
    }

    /// <summary>
    /// Personal data is kept only as long as needed: the booking (with its LINE id or e-mail) and its code are
    /// deleted by Redis at the end of the visit day plus the office's retention period.
    /// </summary>
    public Task ForgetAfterAsync(Office office, string code, DateOnly date)
    {
        var endOfDay = date.AddDays(1 + office.Booking.RetentionDays).ToDateTime(TimeOnly.MinValue);
        var at = new DateTimeOffset(endOfDay, office.Zone.GetUtcOffset(endOfDay)).UtcDateTime;
        return redis.ExecuteAsync(async db =>
        {
            await db.KeyExpireAsync($"{Prefix(office.Id)}b:{code}", at);
            return await db.KeyExpireAsync($"rs:code:{code}", at);
        });
    }

    /// <summary>Moves a confirmed booking: "ok", "same" (already there), "full", "missing" or the state that forbids it.</summary>
    public async Task<string> MoveAsync(Office office, string code, DateOnly date, TimeOnly time, IReadOnlyList<Procedure> procedures, string? staffId)
    {
        var need = Slots.SlotCalendar.Need(procedures);
        RedisValue[] args =
        [
            Prefix(office.Id), code, Day(date), Hhmm(time), staffId ?? "",
            .. need.SelectMany(n => new RedisValue[] { n.Key, n.Value, Slots.SlotCalendar.CapacityMinutes(office, n.Key) }),
        ];
        return (string)(await redis.ScriptAsync(MoveScript, [], args))!;
    }

    /// <summary>
    /// Ends a confirmed booking (cancelled or no-show release capacity), recording why (resident, staff, no-show,
    /// checked-in) and which staff member did it: "ok", "missing", or the state it was already in.
    /// </summary>
    public async Task<string> EndAsync(string officeId, string code, string state, string reason, string? staffId = null) =>
        (string)(await redis.ScriptAsync(EndScript, [], [Prefix(officeId), code, state, reason, staffId ?? ""]))!;

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> DayAsync(string officeId, DateOnly date)
    {
        var codes = await redis.ExecuteAsync(db => db.SetMembersAsync($"{Prefix(officeId)}day:{Day(date)}"));
        var result = new List<IReadOnlyDictionary<string, string>>();
        foreach (var code in codes)
        {
            if (await GetAsync(officeId, (string)code!) is { } booking)
            {
                result.Add(booking);
            }
        }

        return result.OrderBy(b => b["time"], StringComparer.Ordinal).ThenBy(b => b["code"], StringComparer.Ordinal).ToList();
    }

    public async Task<string?> OfficeOfAsync(string code) =>
        await redis.ExecuteAsync(db => db.StringGetAsync($"rs:code:{code}"));

    public async Task<IReadOnlyDictionary<string, string>?> GetAsync(string officeId, string code)
    {
        var fields = await redis.ExecuteAsync(db => db.HashGetAllAsync($"{Prefix(officeId)}b:{code}"));
        return fields.Length == 0 ? null : fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!);
    }

    public Task SetFieldsAsync(string officeId, string code, params HashEntry[] fields) =>
        redis.ExecuteAsync(async db =>
        {
            await db.HashSetAsync($"{Prefix(officeId)}b:{code}", fields);
            return true;
        });

    /// <summary>Booked counter-minutes per (slot, queue) for a set of days.</summary>
    public async Task<IReadOnlyDictionary<string, int>> UsedAsync(Office office, IEnumerable<DateOnly> days)
    {
        var keys = new List<RedisKey>();
        foreach (var day in days)
        {
            foreach (var slot in Slots.SlotCalendar.Slots(office, day))
            {
                keys.AddRange(office.Queues.Select(q => (RedisKey)$"{Prefix(office.Id)}used:{Day(day)}:{Hhmm(slot)}:{q.Id}"));
            }
        }

        if (keys.Count == 0)
        {
            return new Dictionary<string, int>();
        }

        var values = await redis.ExecuteAsync(db => db.StringGetAsync([.. keys]));
        var prefix = $"{Prefix(office.Id)}used:";
        return keys.Zip(values).ToDictionary(x => ((string)x.First!)[prefix.Length..], x => x.Second.IsNull ? 0 : (int)x.Second);
    }

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Hhmm(TimeOnly time) => time.ToString("HHmm", CultureInfo.InvariantCulture);
}

/// <summary>Who a new booking is for and how to reach them (all optional but the language).</summary>
public sealed record NewBooking(string? LineUserId, string? Email, string Language, string? StaffId);
