using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Queueing.Contracts.Ticketing;
using Queueing.ServiceDefaults.Offices;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Ticketing.Engine;

/// <summary>
/// Ticketing's state in Redis and the only code that changes it. Key scheme (an office's keys share the
/// hash tag {officeId}, so a cluster keeps them on one shard):
/// <code>
/// tk:{o}:t:{ticketId}            HASH   the ticket: number, procedures/queues (csv) and step, priority, channel,
///                                       token, state, queue, counter, arrivedAt, calledAt, startedAt, recalls, postpones, score
/// tk:{o}:w:{queue}               ZSET   waiting tickets in calling order (score = arrival − the class's head start)
/// tk:{o}:a:{queue}               ZSET   the same tickets by arrival (the maximum-wait rule)
/// tk:{o}:parked                  ZSET   parked (held) tickets by arrival
/// tk:{o}:serving                 HASH   counter → ticket at the counter (called or being served)
/// tk:{o}:counters                HASH   counter → "state|queues" (open, paused, closed), mirrored from Counter
/// tk:{o}:recent                  LIST   latest calls and recalls (JSON), newest first, 8 kept
/// tk:{o}:svc:{procedure}         LIST   measured service minutes, newest first, 50 kept
/// tk:{o}:arr:{queue}             ZSET   arrivals of the last two hours (arrival rate)
/// tk:{o}:seq:{yyyyMMdd}:{queue}  STRING daily number sequence (two days)
/// tk:{o}:day                     STRING the office day the queues belong to (day rollover)
/// tk:{o}:ver                     STRING office version, bumped by every change
/// tk:{o}:cmd:{commandId}         STRING a command's result, so a retry or redelivery returns it unchanged (24 h)
/// tk:token:{token}               STRING resident token → officeId|ticketId (three days)
/// </code>
/// Every change is one Lua script (Engine/*.lua) that also bumps the office version.
/// </summary>
public sealed class QueueEngine(RedisConnection redis)
{
    private static readonly string EngineScript = Script("queue-engine.lua");
    private static readonly string SnapshotScript = Script("snapshot.lua");
    private static readonly string MarkApproachingScript = Script("mark-approaching.lua");
    private static readonly string SetCounterScript = Script("set-counter.lua");
    private static readonly string RolloverScript = Script("rollover.lua");
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromDays(3);

    public static string Prefix(string officeId) => $"tk:{{{officeId}}}:";

    /// <summary>Applies one action. <paramref name="args"/> are the action's own arguments (see queue-engine.lua).</summary>
    public async Task<EngineResult> ApplyAsync(Office office, Guid? commandId, string action, DateTimeOffset now, params RedisValue[] args)
    {
        var policy = office.Calling;
        RedisValue[] argv =
        [
            Prefix(office.Id), commandId?.ToString("N") ?? "", action, now.ToUnixTimeMilliseconds(),
            Minutes(policy.HeadStart("walkin")), Minutes(policy.HeadStart("assistance")), Minutes(policy.HeadStart("booking")),
            Minutes(policy.MaxWaitMinutes), policy.RecallsBeforeNoShow, policy.PostponePlaces, policy.PostponeLimit,
            .. args,
        ];
        var json = (string)(await redis.ScriptAsync(EngineScript, [], argv))!;
        return EngineResult.Parse(json, office.Id);
    }

    public async Task SaveTokenAsync(string token, string officeId, string ticketId) =>
        await redis.ExecuteAsync(db => db.StringSetAsync($"tk:token:{token}", $"{officeId}|{ticketId}", TokenLifetime));

    /// <summary>The token stored in a ticket (so a replayed issue answers the first token, not a new one).</summary>
    public async Task<string?> FindTokenOfAsync(string officeId, string ticketId) =>
        await redis.ExecuteAsync(db => db.HashGetAsync($"{Prefix(officeId)}t:{ticketId}", "token"));

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

    public async Task<TicketView?> GetAsync(string officeId, string ticketId)
    {
        var fields = await redis.ExecuteAsync(db => db.HashGetAllAsync($"{Prefix(officeId)}t:{ticketId}"));
        return fields.Length == 0 ? null : EngineResult.ToView(fields.ToDictionary(f => (string)f.Name!, f => (string)f.Value!), officeId);
    }

    /// <summary>Waiting tickets (in calling order, queue by queue), parked ones (oldest first) or those at counters.</summary>
    public async Task<IReadOnlyList<TicketView>> ListAsync(Office office, string state)
    {
        var p = Prefix(office.Id);
        if (state == "at-counters")
        {
            var atCounters = new List<TicketView>();
            foreach (var entry in await redis.ExecuteAsync(db => db.HashGetAllAsync($"{p}serving")))
            {
                if (await GetAsync(office.Id, (string)entry.Value!) is { } ticket)
                {
                    atCounters.Add(ticket);
                }
            }

            return atCounters;
        }

        var keys = state == "parked" ? [$"{p}parked"] : office.Queues.Select(q => $"{p}w:{q.Id}").ToList();
        var result = new List<TicketView>();
        foreach (var key in keys)
        {
            foreach (var id in await redis.ExecuteAsync(db => db.SortedSetRangeByRankAsync(key)))
            {
                if (await GetAsync(office.Id, (string)id!) is { } ticket)
                {
                    result.Add(ticket);
                }
            }
        }

        return result;
    }

    public async Task<RawSnapshot> SnapshotAsync(Office office, DateTimeOffset now)
    {
        var queues = office.Queues.Select(q => q.Id).ToList();
        RedisValue[] argv =
        [
            Prefix(office.Id), now.ToUnixTimeMilliseconds(), queues.Count,
            .. queues.Select(q => (RedisValue)q), .. office.Procedures.Select(p => (RedisValue)p.Code),
        ];
        var r = (RedisResult[])(await redis.ScriptAsync(SnapshotScript, [], argv))!;

        var serving = (RedisResult[])r[1]!;
        var atCounters = new List<ServingRow>();
        for (var i = 0; i < serving.Length; i += 6)
        {
            atCounters.Add(new ServingRow(
                (string)serving[i]!, (string)serving[i + 1]!, (string)serving[i + 2]!, FromMs((string)serving[i + 3]!),
                (string)serving[i + 4]!, int.Parse((string)serving[i + 5]!, CultureInfo.InvariantCulture)));
        }

        var counterHash = (RedisResult[])r[2]!;
        var counters = new Dictionary<string, (string State, string[] Queues)>();
        for (var i = 0; i < counterHash.Length; i += 2)
        {
            var parts = ((string)counterHash[i + 1]!).Split('|');
            counters[(string)counterHash[i]!] = (parts[0], parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : []);
        }

        var recent = ((RedisResult[])r[3]!).Select(x => JsonSerializer.Deserialize<RecentRow>((string)x!, EngineResult.Json)!).ToList();

        var waiting = new Dictionary<string, QueueRows>();
        for (var q = 0; q < queues.Count; q++)
        {
            var row = (RedisResult[])r[4 + q]!;
            var oldest = (string?)row[2];
            waiting[queues[q]] = new QueueRows(
                ((RedisResult[])row[0]!).Select(x => (string)x!).ToList(),
                ((RedisResult[])row[1]!).Select(x => (string)x!).ToList(),
                string.IsNullOrEmpty(oldest) ? null : FromMs(oldest),
                (int)(long)row[3]);
        }

        var svcLists = (RedisResult[])r[4 + queues.Count]!;
        var serviceMinutes = new Dictionary<string, IReadOnlyList<double>>();
        for (var i = 0; i < office.Procedures.Count; i++)
        {
            serviceMinutes[office.Procedures[i].Code] = ((RedisResult[])svcLists[i]!)
                .Select(x => double.Parse((string)x!, CultureInfo.InvariantCulture)).ToList();
        }

        return new RawSnapshot((long)r[0], atCounters, counters, recent, waiting, serviceMinutes);
    }

    public async Task<IReadOnlyList<string>> MarkApproachingAsync(string officeId, string queue, IReadOnlyList<string> ticketIds)
    {
        if (ticketIds.Count == 0)
        {
            return [];
        }

        RedisValue[] argv = [Prefix(officeId), queue, .. ticketIds.Select(id => (RedisValue)id)];
        return ((RedisResult[])(await redis.ScriptAsync(MarkApproachingScript, [], argv))!).Select(x => (string)x!).ToList();
    }

    /// <summary>Mirrors a counter's state; returns the new version, or null when nothing changed.</summary>
    public async Task<long?> SetCounterAsync(string officeId, string counter, string state, IReadOnlyList<string> queues)
    {
        var version = (long)await redis.ScriptAsync(SetCounterScript, [], [Prefix(officeId), counter, $"{state}|{string.Join(',', queues)}"]);
        return version == 0 ? null : version;
    }

    /// <summary>Starts a new office day when the date changed; returns the new version, or null.</summary>
    public async Task<long?> RolloverAsync(Office office, string dayKey, DateTimeOffset now)
    {
        RedisValue[] argv =
        [
            Prefix(office.Id), dayKey, office.Calling.CarryOverUnserved ? 1 : 0, now.ToUnixTimeMilliseconds(),
            .. office.Queues.Select(q => (RedisValue)q.Id),
        ];
        var version = (long)await redis.ScriptAsync(RolloverScript, [], argv);
        return version == 0 ? null : version;
    }

    private static long Minutes(int minutes) => minutes * 60_000L;

    internal static DateTimeOffset FromMs(string ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)double.Parse(ms, CultureInfo.InvariantCulture));

    private static string Script(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

public sealed record ServingRow(string Counter, string TicketId, string Number, DateTimeOffset CalledAt, string State, int Recalls);

public sealed record RecentRow(string Counter, string Number, double CalledAt, int Recalls);

/// <summary>A queue's waiting tickets in calling order, the current procedure of each, the oldest arrival and recent arrivals.</summary>
public sealed record QueueRows(IReadOnlyList<string> TicketIds, IReadOnlyList<string> Procedures, DateTimeOffset? OldestArrival, int ArrivalsLast30Minutes);

public sealed record RawSnapshot(
    long Version,
    IReadOnlyList<ServingRow> AtCounters,
    IReadOnlyDictionary<string, (string State, string[] Queues)> Counters,
    IReadOnlyList<RecentRow> Recent,
    IReadOnlyDictionary<string, QueueRows> Waiting,
    IReadOnlyDictionary<string, IReadOnlyList<double>> ServiceMinutes);
