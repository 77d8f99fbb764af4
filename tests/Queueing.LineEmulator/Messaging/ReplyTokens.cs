using System.Security.Cryptography;

namespace Queueing.LineEmulator.Messaging;

/// <summary>
/// Reply tokens handed out with webhook events: each may be used once, within <see cref="Lifetime"/> of its event
/// (measured with the injected <see cref="TimeProvider"/>, so tests can let one expire).
/// </summary>
public sealed class ReplyTokens(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string UserId, DateTimeOffset IssuedAt)> _open = new(StringComparer.Ordinal);

    /// <summary>A new token (32 hex characters, like LINE's) for an event from <paramref name="userId"/>.</summary>
    public string Issue(string userId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Forget expired tokens now and then, so a long demo does not grow without bound.
            if (_open.Count >= 1000)
            {
                foreach (var expired in _open.Where(t => now - t.Value.IssuedAt > Lifetime).Select(t => t.Key).ToList())
                {
                    _open.Remove(expired);
                }
            }

            _open[token] = (userId, now);
        }

        return token;
    }

    /// <summary>Uses up <paramref name="token"/> and returns its user, or null when it is unknown, used or expired.</summary>
    public string? TryRedeem(string token)
    {
        lock (_gate)
        {
            if (!_open.Remove(token, out var issued))
            {
                return null;
            }

            return time.GetUtcNow() - issued.IssuedAt <= Lifetime ? issued.UserId : null;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _open.Clear();
        }
    }
}
