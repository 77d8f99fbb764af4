using System.Text.Json;
using Queueing.Contracts.Counters;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Counter.Counters;

/// <summary>
/// Counter's state in Redis. Key scheme:
/// <code>
/// ct:{o}:c:{counter}                       HASH  state (open|paused|closed), staff, since, currentTicketId, currentNumber
/// ct:{o}:audit                             LIST  staff actions, newest first (JSON AuditRecord), capped
/// ct:{o}:audit-seen:{commandId}:{action}   STRING marks an audited command so a redelivery is not logged twice (24 h)
/// </code>
/// </summary>
public sealed class CounterStore(RedisConnection redis)
{
    private const int AuditCap = 100_000;

    // KEYS: audit list, seen marker. Appends once per (command, action).
    private const string AppendAuditScript = """
        if redis.call('SET', KEYS[2], '1', 'NX', 'EX', 86400) then
          redis.call('LPUSH', KEYS[1], ARGV[1])
          redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
          return 1
        end
        return 0
        """;

    private static string Key(string officeId, string counter) => $"ct:{{{officeId}}}:c:{counter}";

    private static string AuditKey(string officeId) => $"ct:{{{officeId}}}:audit";

    public async Task<CounterRecord> GetAsync(string officeId, string counter)
    {
        var fields = await redis.ExecuteAsync(db => db.HashGetAllAsync(Key(officeId, counter)));
        var map = fields.ToDictionary(f => (string)f.Name!, f => (string?)f.Value);
        return new CounterRecord(
            map.GetValueOrDefault("state") ?? "closed",
            map.GetValueOrDefault("staff"),
            map.GetValueOrDefault("currentTicketId"),
            map.GetValueOrDefault("currentNumber"));
    }

    public Task SetStateAsync(string officeId, string counter, string state, string staffId, DateTimeOffset at) =>
        redis.ExecuteAsync(async db =>
        {
            await db.HashSetAsync(Key(officeId, counter), [new("state", state), new("staff", staffId), new("since", at.ToUnixTimeMilliseconds())]);
            return true;
        });

    public Task SetCurrentAsync(string officeId, string counter, string? ticketId, string? number) =>
        redis.ExecuteAsync(async db =>
        {
            if (ticketId is null)
            {
                await db.HashDeleteAsync(Key(officeId, counter), ["currentTicketId", "currentNumber"]);
            }
            else
            {
                await db.HashSetAsync(Key(officeId, counter), [new("currentTicketId", ticketId), new("currentNumber", number)]);
            }

            return true;
        });

    /// <summary>Appends an audit record once per (command, action); false when it was appended before.</summary>
    public async Task<bool> AppendAuditAsync(string officeId, Guid commandId, AuditRecord record) =>
        (int)await redis.ScriptAsync(
            AppendAuditScript,
            [AuditKey(officeId), $"ct:{{{officeId}}}:audit-seen:{commandId:N}:{record.Action}"],
            [JsonSerializer.Serialize(record), AuditCap]) == 1;

    public async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(string officeId, int count)
    {
        var values = await redis.ExecuteAsync(db => db.ListRangeAsync(AuditKey(officeId), 0, count - 1));
        return values.Select(v => JsonSerializer.Deserialize<AuditRecord>((string)v!)!).ToList();
    }
}

public sealed record CounterRecord(string State, string? StaffId, string? CurrentTicketId, string? CurrentNumber);
