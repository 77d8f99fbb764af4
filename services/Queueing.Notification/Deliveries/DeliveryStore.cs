using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Queueing.Contracts.Notifications;
using Queueing.Notification.Texts;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Notification.Deliveries;

/// <summary>Who a ticket or booking notifies: its LINE user and/or e-mail and language. Id: a ticket id or "booking:CODE".</summary>
public sealed record Subject(string Id, string OfficeId, string Label, string? LineUserId, string? Email, string Language, string? Token);

/// <summary>One message to one resident on one channel; its key is (subject, milestone, channel), so it exists once.</summary>
public sealed record Delivery(
    string Key, string SubjectId, string OfficeId, string Label, DateOnly Day, string Milestone, string Channel, string To,
    OutgoingMessage Message, string Status, int Attempts, DateTimeOffset Expires, string? FallbackEmail)
{
    /// <summary>The same (subject, milestone, channel) always gets the same id: the LINE retry key and the e-mail Message-ID.</summary>
    public Guid RetryKey => DeliveryStore.RetryKey(SubjectId, Milestone, Channel);
}

/// <summary>A milestone reached before anyone could be told (the ticket was not linked yet): sent when it is.</summary>
public sealed record PendingMessage(string Milestone, string Kind, Dictionary<string, string> Values, DateTimeOffset Expires);

/// <summary>
/// Notification's state in Redis. Every delivery is a durable record plus an entry in a due set, so a delivery
/// survives restarts of this service and of RabbitMQ, and several instances never send the same one twice.
/// <code>
/// nt:sub:{subject}                        HASH  office, label, line, email, lang, token (ticket 2 days; booking until visit + 8 days)
/// nt:called:{subject}                     SET   queues the ticket was called from (2 days)
/// nt:user:{lineUserId}                    HASH  lang, followed (1|0), survey (subject awaiting a rating), surveyOffice (30 days)
/// nt:user:{lineUserId}:subs               SET   subjects linked to the user, unlinked on unfollow (30 days)
/// nt:pending:{subject}                    HASH  milestone → PendingMessage JSON, reached before the subject was linked (3 h)
/// nt:d:{subject}|{milestone}|{channel}    HASH  the delivery: status (queued|retrying|sent|failed|expired), attempts, to, message, … (its lifetime + 1 day)
/// nt:due                                  ZSET  delivery key → next attempt (ms); a claimed delivery is leased by moving its score
/// nt:log:{office}:{yyyy-MM-dd}            LIST  DeliveryLogEntry JSON, every step of every delivery of the day (31 days)
/// nt:count:{office}:{yyyy-MM-dd}          HASH  queued, sent, retried, failed, expired, fallback (31 days)
/// nt:survey:{office}:{yyyy-MM-dd}         HASH  rating → count; nt:surveyed:{subject} marks a ticket answered
/// nt:wh:{webhookEventId}                  STRING a processed LINE webhook event (1 day)
/// </code>
/// </summary>
public sealed class DeliveryStore(RedisConnection redis)
{
    public const string Due = "nt:due";
    private const int LogSeconds = 31 * 24 * 3600;
    private static readonly TimeSpan UserLifetime = TimeSpan.FromDays(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // ------------------------------------------------------------------ subjects and users

    /// <summary>Creates or updates a subject; null contacts leave what is stored (a booking linked in LINE keeps its link).</summary>
    public Task SaveSubjectAsync(Subject subject, TimeSpan lifetime)
    {
        // One script, so contact data never exists without its expiry (a crash between HSET and EXPIRE would keep it).
        var args = new List<RedisValue>
        {
            (long)lifetime.TotalSeconds, subject.LineUserId is null ? "" : (long)UserLifetime.TotalSeconds, subject.Id,
            "office", subject.OfficeId, "label", subject.Label, "lang", subject.Language,
        };
        foreach (var (name, value) in new[] { ("line", subject.LineUserId), ("email", subject.Email), ("token", subject.Token) })
        {
            if (value is not null)
            {
                args.Add(name);
                args.Add(value);
            }
        }

        return redis.ScriptAsync("""
            local fields = {}
            for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
            redis.call('HSET', KEYS[1], unpack(fields))
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            if ARGV[2] ~= '' then
              redis.call('SADD', KEYS[2], ARGV[3])
              redis.call('EXPIRE', KEYS[2], ARGV[2])
            end
            return 1
            """, [$"nt:sub:{subject.Id}", $"nt:user:{subject.LineUserId ?? "-"}:subs"], args.ToArray());
    }

    public async Task<Subject?> SubjectAsync(string id)
    {
        var h = (await redis.ExecuteAsync(db => db.HashGetAllAsync($"nt:sub:{id}"))).ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        return h.Count == 0 || !h.TryGetValue("office", out var office)
            ? null
            : new Subject(id, office!, h.GetValueOrDefault("label") ?? "", h.GetValueOrDefault("line"), h.GetValueOrDefault("email"),
                MessageCatalog.Normalize(h.GetValueOrDefault("lang")), h.GetValueOrDefault("token"));
    }

    /// <summary>The ticket was called from a queue: a "turn approaching" for that queue still waiting to go out would only confuse now.</summary>
    public Task MarkCalledAsync(string subjectId, string queue) =>
        redis.ScriptAsync("""
            redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            return 1
            """, [$"nt:called:{subjectId}"], [queue, (long)TimeSpan.FromDays(2).TotalSeconds]);

    public async Task<bool> WasCalledAsync(string subjectId, string queue) =>
        await redis.ExecuteAsync(db => db.SetContainsAsync($"nt:called:{subjectId}", queue));

    /// <summary>The resident's chosen language for a LINE user, or null when they never chose.</summary>
    public async Task<string?> UserLanguageAsync(string userId) =>
        await redis.ExecuteAsync(db => db.HashGetAsync($"nt:user:{userId}", "lang"));

    public Task SetUserAsync(string userId, params HashEntry[] fields) =>
        redis.ScriptAsync("""
            local fields = {}
            for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
            redis.call('HSET', KEYS[1], unpack(fields))
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return 1
            """, [$"nt:user:{userId}"], [(long)UserLifetime.TotalSeconds, .. fields.SelectMany(f => new[] { f.Name, f.Value })]);

    public async Task<string?> UserFieldAsync(string userId, string field) =>
        await redis.ExecuteAsync(db => db.HashGetAsync($"nt:user:{userId}", field));

    /// <summary>True when the LINE user blocked (unfollowed) the account after following it.</summary>
    public async Task<bool> IsBlockedAsync(string userId) => await UserFieldAsync(userId, "followed") == "0";

    /// <summary>Sets the language of every subject the user is linked to, so pending and future messages use it.</summary>
    public Task SetLanguageAsync(string userId, string language) =>
        redis.ScriptAsync("""
            redis.call('HSET', KEYS[1], 'lang', ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            for _, s in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              if redis.call('HGET', 'nt:sub:' .. s, 'line') == ARGV[3] then redis.call('HSET', 'nt:sub:' .. s, 'lang', ARGV[1]) end
            end
            return 1
            """, [$"nt:user:{userId}", $"nt:user:{userId}:subs"], [language, (long)UserLifetime.TotalSeconds, userId]);

    /// <summary>Unfollow: the user blocked the account, so every ticket and booking linked to them is unlinked.</summary>
    public async Task<int> UnfollowAsync(string userId) =>
        (int)await redis.ScriptAsync("""
            redis.call('HSET', KEYS[1], 'followed', '0')
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            local n = 0
            for _, s in ipairs(redis.call('SMEMBERS', KEYS[2])) do
              if redis.call('HGET', 'nt:sub:' .. s, 'line') == ARGV[1] then redis.call('HDEL', 'nt:sub:' .. s, 'line'); n = n + 1 end
            end
            redis.call('DEL', KEYS[2])
            return n
            """, [$"nt:user:{userId}", $"nt:user:{userId}:subs"], [userId, (long)UserLifetime.TotalSeconds]);

    // ------------------------------------------------------------------ pending milestones

    public Task SavePendingAsync(string subjectId, PendingMessage message) =>
        redis.ExecuteAsync(async db =>
        {
            await db.HashSetAsync($"nt:pending:{subjectId}", message.Milestone, JsonSerializer.Serialize(message, Json));
            return await db.KeyExpireAsync($"nt:pending:{subjectId}", TimeSpan.FromHours(3));
        });

    public async Task<IReadOnlyList<PendingMessage>> PendingAsync(string subjectId) =>
        (await redis.ExecuteAsync(db => db.HashGetAllAsync($"nt:pending:{subjectId}")))
            .Select(e => JsonSerializer.Deserialize<PendingMessage>((string)e.Value!, Json)!).ToList();

    // ------------------------------------------------------------------ deliveries

    public static string DeliveryKey(string subjectId, string milestone, string channel) => $"nt:d:{subjectId}|{milestone}|{channel}";

    /// <summary>Records a delivery and makes it due now, once: false (and nothing changed) when it already exists.</summary>
    public async Task<bool> EnqueueAsync(Delivery d, DateTimeOffset now)
    {
        var entry = LogEntry(d, now, "queued", 0, null);
        var args = new List<RedisValue>
        {
            now.ToUnixTimeMilliseconds(), Math.Max(86_400, (long)(d.Expires - now).TotalSeconds + 86_400), entry, LogSeconds,
            "subject", d.SubjectId, "office", d.OfficeId, "label", d.Label, "day", d.Day.ToString("yyyy-MM-dd"),
            "milestone", d.Milestone, "channel", d.Channel, "to", d.To, "message", JsonSerializer.Serialize(d.Message, Json),
            "status", "queued", "attempts", 0, "expires", d.Expires.ToUnixTimeMilliseconds(), "fallback", d.FallbackEmail ?? "",
        };
        return (int)await redis.ScriptAsync("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            local fields = {}
            for i = 5, #ARGV do fields[#fields + 1] = ARGV[i] end
            redis.call('HSET', KEYS[1], unpack(fields))
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[1], KEYS[1])
            redis.call('RPUSH', KEYS[3], ARGV[3])
            redis.call('EXPIRE', KEYS[3], ARGV[4])
            redis.call('HINCRBY', KEYS[4], 'queued', 1)
            redis.call('EXPIRE', KEYS[4], ARGV[4])
            return 1
            """, [d.Key, Due, LogKey(d.OfficeId, d.Day), CountKey(d.OfficeId, d.Day)], args.ToArray()) == 1;
    }

    /// <summary>
    /// Takes a due delivery for one attempt: moves its due time to <paramref name="leaseUntil"/> (so no other worker or
    /// instance takes it meanwhile, and a crash mid-attempt only delays it) and counts the attempt. Null when it is not
    /// due, already taken, or finished.
    /// </summary>
    public async Task<Delivery?> ClaimAsync(string key, DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        var claimed = (int)await redis.ScriptAsync("""
            local due = redis.call('ZSCORE', KEYS[2], KEYS[1])
            if not due or tonumber(due) > tonumber(ARGV[1]) then return 0 end
            local status = redis.call('HGET', KEYS[1], 'status')
            if not status or status == 'sent' or status == 'failed' or status == 'expired' then
              redis.call('ZREM', KEYS[2], KEYS[1])
              return 0
            end
            redis.call('ZADD', KEYS[2], ARGV[2], KEYS[1])
            redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            return 1
            """, [key, Due], [now.ToUnixTimeMilliseconds(), leaseUntil.ToUnixTimeMilliseconds()]);
        return claimed == 1 ? await GetAsync(key) : null;
    }

    public async Task<Delivery?> GetAsync(string key)
    {
        var h = (await redis.ExecuteAsync(db => db.HashGetAllAsync(key))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        if (!h.TryGetValue("status", out var status))
        {
            return null;
        }

        return new Delivery(key, h["subject"], h["office"], h["label"], DateOnly.Parse(h["day"], System.Globalization.CultureInfo.InvariantCulture),
            h["milestone"], h["channel"], h["to"], JsonSerializer.Deserialize<OutgoingMessage>(h["message"], Json)!, status,
            int.Parse(h["attempts"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(h["expires"], System.Globalization.CultureInfo.InvariantCulture)),
            h["fallback"] is { Length: > 0 } fallback ? fallback : null);
    }

    /// <summary>
    /// Ends an attempt: sent, failed or expired (final, leaves the due set) or retrying (due again at <paramref name="next"/>).
    /// Writes the log entry and the day's count in the same step. A delivery already final is left alone.
    /// </summary>
    public async Task<bool> FinishAsync(Delivery d, string status, string? reason, DateTimeOffset now, DateTimeOffset? next, string countField)
    {
        var entry = LogEntry(d, now, status, d.Attempts, reason);
        return (int)await redis.ScriptAsync("""
            local status = redis.call('HGET', KEYS[1], 'status')
            if not status or status == 'sent' or status == 'failed' or status == 'expired' then
              redis.call('ZREM', KEYS[2], KEYS[1])
              return 0
            end
            redis.call('HSET', KEYS[1], 'status', ARGV[1], 'reason', ARGV[3], 'at', ARGV[6])
            if ARGV[2] ~= '' then redis.call('ZADD', KEYS[2], ARGV[2], KEYS[1]) else redis.call('ZREM', KEYS[2], KEYS[1]) end
            redis.call('RPUSH', KEYS[3], ARGV[4])
            redis.call('EXPIRE', KEYS[3], ARGV[7])
            redis.call('HINCRBY', KEYS[4], ARGV[5], 1)
            redis.call('EXPIRE', KEYS[4], ARGV[7])
            return 1
            """, [d.Key, Due, LogKey(d.OfficeId, d.Day), CountKey(d.OfficeId, d.Day)],
            [status, next?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", reason ?? "", entry, countField,
             now.ToUnixTimeMilliseconds(), LogSeconds]) == 1;
    }

    /// <summary>Adds a log line that is not a status change of a delivery (e.g. "fallback to e-mail").</summary>
    public Task LogAsync(Delivery d, DateTimeOffset now, string status, string? reason, string countField) =>
        redis.ScriptAsync("""
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
            redis.call('EXPIRE', KEYS[2], ARGV[3])
            return 1
            """, [LogKey(d.OfficeId, d.Day), CountKey(d.OfficeId, d.Day)], [LogEntry(d, now, status, d.Attempts, reason), countField, LogSeconds]);

    /// <summary>Deliveries whose next attempt is due (oldest first).</summary>
    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int take) =>
        (await redis.ExecuteAsync(db => db.SortedSetRangeByScoreAsync(Due, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: take)))
            .Select(v => (string)v!).ToList();

    // ------------------------------------------------------------------ log, counts, survey, webhook events

    /// <summary>The day's log (oldest first; only the newest <paramref name="last"/> when given) with its counts and survey answers.</summary>
    public async Task<(IReadOnlyList<DeliveryLogEntry> Entries, IReadOnlyDictionary<string, int> Counts, IReadOnlyDictionary<string, int> Survey)> DayAsync(
        string officeId, DateOnly day, int? last = null)
    {
        var entries = await redis.ExecuteAsync(db => db.ListRangeAsync(LogKey(officeId, day), last is { } n ? -n : 0, -1));
        var counts = await redis.ExecuteAsync(db => db.HashGetAllAsync(CountKey(officeId, day)));
        var survey = await redis.ExecuteAsync(db => db.HashGetAllAsync(SurveyKey(officeId, day)));
        return (entries.Select(e => JsonSerializer.Deserialize<DeliveryLogEntry>((string)e!, Json)!).ToList(),
            counts.ToDictionary(e => (string)e.Name!, e => (int)e.Value),
            survey.ToDictionary(e => (string)e.Name!, e => (int)e.Value));
    }

    /// <summary>Counts a satisfaction rating once per ticket; false when that ticket was already rated.</summary>
    public async Task<bool> RecordSurveyAsync(string subjectId, string officeId, DateOnly day, int rating) =>
        (int)await redis.ScriptAsync("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) == false then return 0 end
            redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
            redis.call('EXPIRE', KEYS[2], ARGV[2])
            return 1
            """, [$"nt:surveyed:{subjectId}", SurveyKey(officeId, day)], [rating, LogSeconds]) == 1;

    public async Task<bool> WebhookEventSeenAsync(string eventId) =>
        await redis.ExecuteAsync(db => db.KeyExistsAsync($"nt:wh:{eventId}"));

    public Task MarkWebhookEventAsync(string eventId) =>
        redis.ExecuteAsync(db => db.StringSetAsync($"nt:wh:{eventId}", "1", TimeSpan.FromDays(1)));

    /// <summary>The same (subject, milestone, channel) always gets the same key, across retries, restarts and instances.</summary>
    public static Guid RetryKey(string subjectId, string milestone, string channel)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}|{subjectId}|{milestone}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string LogEntry(Delivery d, DateTimeOffset at, string status, int attempt, string? reason) =>
        JsonSerializer.Serialize(new DeliveryLogEntry
        {
            At = at, Subject = d.Label, Milestone = d.Milestone, Channel = d.Channel, Status = status, Attempt = attempt, Reason = reason,
        }, Json);

    private static string LogKey(string officeId, DateOnly day) => $"nt:log:{officeId}:{day:yyyy-MM-dd}";

    private static string CountKey(string officeId, DateOnly day) => $"nt:count:{officeId}:{day:yyyy-MM-dd}";

    private static string SurveyKey(string officeId, DateOnly day) => $"nt:survey:{officeId}:{day:yyyy-MM-dd}";
}
