using System.Globalization;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Ticketing.Tickets;

/// <summary>
/// Ticketing's state in Redis. Key scheme (all of an office's keys share the hash tag {officeId}):
/// <code>
/// tk:{o}:t:{ticketId}          HASH   the ticket (state waiting|called|completed, queue, number, token, counter, times)
/// tk:{o}:w:{queue}             ZSET   waiting tickets of a queue, score = calling order (see Calling.CallingOrder)
/// tk:{o}:serving               HASH   counter -> ticket currently called there
/// tk:{o}:open                  HASH   counter -> queues it serves, for counters that are open
/// tk:{o}:seq:{yyyyMMdd}:{queue} STRING daily number sequence (expires after two days)
/// tk:{o}:ver                   STRING office version, bumped by every change
/// tk:{o}:cmd:{commandId}       STRING the stored result of a command, so a retry returns it unchanged (24 h)
/// tk:token:{token}             STRING token -> officeId|ticketId (resident links)
/// </code>
/// Every multi-key change is one Lua script that also bumps the version.
/// </summary>
public sealed class TicketStore(RedisConnection redis)
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(3);

    public static string Prefix(string officeId) => $"tk:{{{officeId}}}:";

    private const string IssueScript = """
        local p = ARGV[1]
        local cmdKey = p .. 'cmd:' .. ARGV[2]
        local existing = redis.call('GET', cmdKey)
        if existing then
          local t = redis.call('HMGET', p .. 't:' .. existing, 'number', 'token', 'issuedAt', 'queue')
          return {existing, t[1], t[2], tonumber(redis.call('GET', p .. 'ver') or '0'), 0, t[3], t[4]}
        end
        local seqKey = p .. 'seq:' .. ARGV[4] .. ':' .. ARGV[5]
        local n = redis.call('INCR', seqKey)
        redis.call('EXPIRE', seqKey, 172800)
        local number = ARGV[5] .. '-' .. string.format('%03d', n)
        local id = ARGV[3] .. '.' .. ARGV[4] .. '.' .. number
        redis.call('HSET', p .. 't:' .. id,
          'id', id, 'office', ARGV[3], 'queue', ARGV[5], 'number', number, 'procedure', ARGV[6],
          'channel', ARGV[7], 'token', ARGV[8], 'state', 'waiting', 'issuedAt', ARGV[9])
        redis.call('EXPIRE', p .. 't:' .. id, 259200)
        redis.call('ZADD', p .. 'w:' .. ARGV[5], ARGV[10], id)
        local ver = redis.call('INCR', p .. 'ver')
        redis.call('SET', cmdKey, id, 'EX', 86400)
        return {id, number, ARGV[8], ver, 1, ARGV[9], ARGV[5]}
        """;

    // ARGV: prefix, commandId, counter, nowMs, queue1..queueN
    // Result: kind ('called'|'none'), ticketId, number, queue, calledAt, version, completedId
    private const string CallNextScript = """
        local p = ARGV[1]
        local cmdKey = p .. 'cmd:' .. ARGV[2]
        local existing = redis.call('GET', cmdKey)
        if existing then
          return cjson.decode(existing)
        end
        local counter = ARGV[3]
        local now = ARGV[4]
        local completed = ''
        local current = redis.call('HGET', p .. 'serving', counter)
        if current and redis.call('HGET', p .. 't:' .. current, 'state') == 'called' then
          redis.call('HSET', p .. 't:' .. current, 'state', 'completed', 'completedAt', now)
          completed = current
        end
        redis.call('HDEL', p .. 'serving', counter)
        local best, bestScore, bestQueue = nil, nil, nil
        for i = 5, #ARGV do
          local top = redis.call('ZRANGE', p .. 'w:' .. ARGV[i], 0, 0, 'WITHSCORES')
          if top[1] and (best == nil or tonumber(top[2]) < bestScore) then
            best, bestScore, bestQueue = top[1], tonumber(top[2]), ARGV[i]
          end
        end
        local result
        if best == nil then
          local ver = tonumber(redis.call('GET', p .. 'ver') or '0')
          if completed ~= '' then ver = redis.call('INCR', p .. 'ver') end
          result = {'none', '', '', '', '', ver, completed}
        else
          redis.call('ZREM', p .. 'w:' .. bestQueue, best)
          redis.call('HSET', p .. 't:' .. best, 'state', 'called', 'counter', counter, 'calledAt', now)
          redis.call('HSET', p .. 'serving', counter, best)
          local ver = redis.call('INCR', p .. 'ver')
          result = {'called', best, redis.call('HGET', p .. 't:' .. best, 'number'), bestQueue, now, ver, completed}
        end
        redis.call('SET', cmdKey, cjson.encode(result), 'EX', 86400)
        return result
        """;

    // ARGV: prefix, commandId, counter, nowMs. Result: kind ('completed'|'none'), ticketId, number, completedAt, version
    private const string CompleteScript = """
        local p = ARGV[1]
        local cmdKey = p .. 'cmd:' .. ARGV[2]
        local existing = redis.call('GET', cmdKey)
        if existing then
          return cjson.decode(existing)
        end
        local current = redis.call('HGET', p .. 'serving', ARGV[3])
        if not current or redis.call('HGET', p .. 't:' .. current, 'state') ~= 'called' then
          return {'none', '', '', '', tonumber(redis.call('GET', p .. 'ver') or '0')}
        end
        redis.call('HSET', p .. 't:' .. current, 'state', 'completed', 'completedAt', ARGV[4])
        redis.call('HDEL', p .. 'serving', ARGV[3])
        local ver = redis.call('INCR', p .. 'ver')
        local result = {'completed', current, redis.call('HGET', p .. 't:' .. current, 'number'), ARGV[4], ver}
        redis.call('SET', cmdKey, cjson.encode(result), 'EX', 86400)
        return result
        """;

    // ARGV: prefix, queue1..queueN. Result: version, {counter, ticketId, number, calledAt}..., {open counter, queues csv}..., then one list of ids per queue
    private const string SnapshotScript = """
        local p = ARGV[1]
        local out = {tonumber(redis.call('GET', p .. 'ver') or '0')}
        local serving = redis.call('HGETALL', p .. 'serving')
        local flat = {}
        for i = 1, #serving, 2 do
          local t = redis.call('HMGET', p .. 't:' .. serving[i + 1], 'number', 'calledAt')
          table.insert(flat, serving[i]); table.insert(flat, serving[i + 1])
          table.insert(flat, t[1] or ''); table.insert(flat, t[2] or '0')
        end
        table.insert(out, flat)
        table.insert(out, redis.call('HGETALL', p .. 'open'))
        for i = 2, #ARGV do
          table.insert(out, redis.call('ZRANGE', p .. 'w:' .. ARGV[i], 0, -1))
        end
        return out
        """;

    // ARGV: prefix, counter, queues csv ('' = closed)
    private const string SetCounterOpenScript = """
        local p = ARGV[1]
        local current = redis.call('HGET', p .. 'open', ARGV[2])
        if ARGV[3] == '' then
          if not current then return 0 end
          redis.call('HDEL', p .. 'open', ARGV[2])
        else
          if current == ARGV[3] then return 0 end
          redis.call('HSET', p .. 'open', ARGV[2], ARGV[3])
        end
        return redis.call('INCR', p .. 'ver')
        """;

    public async Task<IssueResult> IssueAsync(NewTicket ticket)
    {
        var result = (RedisResult[])(await redis.ScriptAsync(IssueScript, [], [
            Prefix(ticket.OfficeId), ticket.CommandId.ToString("N"), ticket.OfficeId, ticket.DayKey, ticket.Queue,
            ticket.Procedure, ticket.Channel, ticket.Token, ticket.IssuedAt.ToUnixTimeMilliseconds(), ticket.Score,
        ]))!;
        var issued = new IssueResult(
            (string)result[0]!, (string)result[1]!, (string)result[2]!, (long)result[3], (long)result[4] == 1,
            FromMs((string)result[5]!), (string)result[6]!);

        // Outside the script: the token key is global (no office hash tag). A retry of the command re-sets it.
        await redis.ExecuteAsync(db => db.StringSetAsync($"tk:token:{issued.Token}", $"{ticket.OfficeId}|{issued.TicketId}", TokenLifetime));
        return issued;
    }

    public async Task<CallResult> CallNextAsync(string officeId, Guid commandId, string counter, IReadOnlyList<string> queues, DateTimeOffset now)
    {
        RedisValue[] args = [Prefix(officeId), commandId.ToString("N"), counter, now.ToUnixTimeMilliseconds(), .. queues.Select(q => (RedisValue)q)];
        var r = (RedisResult[])(await redis.ScriptAsync(CallNextScript, [], args))!;
        var completed = (string)r[6]!;
        return (string)r[0]! == "called"
            ? new CallResult((string)r[1]!, (string)r[2]!, (string)r[3]!, FromMs((string)r[4]!), (long)r[5], NullIfEmpty(completed))
            : new CallResult(null, null, null, null, (long)r[5], NullIfEmpty(completed));
    }

    public async Task<CompleteResult?> CompleteAsync(string officeId, Guid commandId, string counter, DateTimeOffset now)
    {
        var r = (RedisResult[])(await redis.ScriptAsync(CompleteScript, [], [Prefix(officeId), commandId.ToString("N"), counter, now.ToUnixTimeMilliseconds()]))!;
        return (string)r[0]! == "completed"
            ? new CompleteResult((string)r[1]!, (string)r[2]!, FromMs((string)r[3]!), (long)r[4])
            : null;
    }

    /// <summary>Records that a counter opened (queues) or closed (empty); returns the new version, or null when nothing changed.</summary>
    public async Task<long?> SetCounterOpenAsync(string officeId, string counter, IReadOnlyList<string> queues)
    {
        var version = (long)(await redis.ScriptAsync(SetCounterOpenScript, [], [Prefix(officeId), counter, string.Join(',', queues)]));
        return version == 0 ? null : version;
    }

    public async Task<RawSnapshot> SnapshotAsync(string officeId, IReadOnlyList<string> queues)
    {
        RedisValue[] args = [Prefix(officeId), .. queues.Select(q => (RedisValue)q)];
        var r = (RedisResult[])(await redis.ScriptAsync(SnapshotScript, [], args))!;
        var serving = (RedisResult[])r[1]!;
        var nowServing = new List<ServingRow>();
        for (var i = 0; i < serving.Length; i += 4)
        {
            nowServing.Add(new ServingRow((string)serving[i]!, (string)serving[i + 1]!, (string)serving[i + 2]!, FromMs((string)serving[i + 3]!)));
        }

        var open = (RedisResult[])r[2]!;
        var openCounters = new Dictionary<string, string[]>();
        for (var i = 0; i < open.Length; i += 2)
        {
            openCounters[(string)open[i]!] = ((string)open[i + 1]!).Split(',', StringSplitOptions.RemoveEmptyEntries);
        }

        var waiting = new Dictionary<string, IReadOnlyList<string>>();
        for (var q = 0; q < queues.Count; q++)
        {
            waiting[queues[q]] = ((RedisResult[])r[3 + q]!).Select(x => (string)x!).ToList();
        }

        return new RawSnapshot((long)r[0], nowServing, openCounters, waiting);
    }

    public async Task<(string OfficeId, string TicketId)?> FindByTokenAsync(string token)
    {
        var value = (string?)await redis.ExecuteAsync(db => db.StringGetAsync($"tk:token:{token}"));
        if (value is null)
        {
            return null;
        }

        var bar = value.IndexOf('|', StringComparison.Ordinal);
        return (value[..bar], value[(bar + 1)..]);
    }

    public async Task<StoredTicket?> GetAsync(string officeId, string ticketId)
    {
        var p = Prefix(officeId);
        var fields = await redis.ExecuteAsync(db => db.HashGetAllAsync($"{p}t:{ticketId}"));
        if (fields.Length == 0)
        {
            return null;
        }

        var map = fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!);
        var queue = map["queue"];
        long? rank = map["state"] == "waiting" ? await redis.ExecuteAsync(db => db.SortedSetRankAsync($"{p}w:{queue}", ticketId)) : null;
        var version = (long?)await redis.ExecuteAsync(db => db.StringGetAsync($"{p}ver")) ?? 0;
        return new StoredTicket(
            ticketId, officeId, queue, map["number"], map["procedure"], map["channel"], map["token"], map["state"],
            map.GetValueOrDefault("counter"), FromMs(map["issuedAt"]), rank is null ? 0 : (int)rank.Value + 1, version);
    }

    private static DateTimeOffset FromMs(string ms) => DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(ms, CultureInfo.InvariantCulture));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

public sealed record NewTicket(Guid CommandId, string OfficeId, string DayKey, string Queue, string Procedure, string Channel, string Token, DateTimeOffset IssuedAt, double Score);

public sealed record IssueResult(string TicketId, string Number, string Token, long Version, bool Created, DateTimeOffset IssuedAt, string Queue);

/// <summary>TicketId is null when nobody was waiting. CompletedTicketId: the ticket this call finished at the counter, if any.</summary>
public sealed record CallResult(string? TicketId, string? Number, string? Queue, DateTimeOffset? CalledAt, long Version, string? CompletedTicketId);

public sealed record CompleteResult(string TicketId, string Number, DateTimeOffset CompletedAt, long Version);

public sealed record ServingRow(string Counter, string TicketId, string Number, DateTimeOffset CalledAt);

public sealed record RawSnapshot(long Version, IReadOnlyList<ServingRow> NowServing, IReadOnlyDictionary<string, string[]> OpenCounters, IReadOnlyDictionary<string, IReadOnlyList<string>> Waiting);

/// <summary>Position is 1-based among the waiting tickets of the queue; 0 when not waiting.</summary>
public sealed record StoredTicket(string TicketId, string OfficeId, string Queue, string Number, string Procedure, string Channel, string Token, string State, string? Counter, DateTimeOffset IssuedAt, int Position, long Version);
