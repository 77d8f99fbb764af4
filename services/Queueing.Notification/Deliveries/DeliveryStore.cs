using System.Security.Cryptography;
using System.Text;
using Queueing.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Queueing.Notification.Deliveries;

/// <summary>
/// Notification's state in Redis. Key scheme:
/// <code>
/// nt:link:{ticketId}                          STRING LINE user id linked to the ticket (3 days)
/// nt:delivery:{ticketId}:{milestone}:{channel} HASH  status (sent|failed), retryKey, status code, reason, at (30 days)
/// nt:pending:{ticketId}                       HASH  milestone → text, for milestones reached before the ticket was linked (3 h)
/// </code>
/// </summary>
public sealed class DeliveryStore(RedisConnection redis)
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);
    private static readonly TimeSpan DeliveryLifetime = TimeSpan.FromDays(30);

    public Task LinkAsync(string ticketId, string lineUserId) =>
        redis.ExecuteAsync(db => db.StringSetAsync($"nt:link:{ticketId}", lineUserId, LinkLifetime));

    public async Task<string?> LinkedUserAsync(string ticketId) =>
        await redis.ExecuteAsync(db => db.StringGetAsync($"nt:link:{ticketId}"));

    public async Task<string?> StatusAsync(string ticketId, string milestone, string channel) =>
        await redis.ExecuteAsync(db => db.HashGetAsync(Key(ticketId, milestone, channel), "status"));

    public Task RecordAsync(string ticketId, string milestone, string channel, string status, Guid retryKey, int code, string? reason, DateTimeOffset at) =>
        redis.ExecuteAsync(async db =>
        {
            var key = Key(ticketId, milestone, channel);
            await db.HashSetAsync(key, [
                new("status", status), new("retryKey", retryKey.ToString()), new("code", code),
                new("reason", reason ?? ""), new("at", at.ToString("O")),
            ]);
            return await db.KeyExpireAsync(key, DeliveryLifetime);
        });

    public Task SavePendingAsync(string ticketId, string milestone, string text) =>
        redis.ExecuteAsync(async db =>
        {
            await db.HashSetAsync($"nt:pending:{ticketId}", milestone, text);
            return await db.KeyExpireAsync($"nt:pending:{ticketId}", TimeSpan.FromHours(3));
        });

    public async Task<IReadOnlyList<(string Milestone, string Text)>> PendingAsync(string ticketId) =>
        (await redis.ExecuteAsync(db => db.HashGetAllAsync($"nt:pending:{ticketId}")))
            .Select(e => ((string)e.Name!, (string)e.Value!)).ToList();

    /// <summary>The same (ticket, milestone, channel) always gets the same retry key, across retries and restarts.</summary>
    public static Guid RetryKey(string ticketId, string milestone, string channel)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{channel}|{ticketId}|{milestone}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5-style
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static RedisKey Key(string ticketId, string milestone, string channel) => $"nt:delivery:{ticketId}:{milestone}:{channel}";
}
