namespace Queueing.LineEmulator.Users;

/// <summary>A simulated user's relation to the account, as <c>GET /emulator/users</c> shows it.</summary>
public sealed record UserState(string UserId, string State, DateTimeOffset ChangedAt);

/// <summary>
/// Follow state per simulated user. Users never seen are "unknown" and still receive pushes (any id works, as
/// before webhooks existed); only a user who unfollowed is "blocked", and pushes to them are not delivered.
/// </summary>
public sealed class Followers(TimeProvider time)
{
    public const string Following = "following";
    public const string Blocked = "blocked";
    public const string Unknown = "unknown";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserState> _users = new(StringComparer.Ordinal);

    /// <summary>Records a follow; returns true when the user had blocked the account before (an "unblock").</summary>
    public bool Follow(string userId) => Set(userId, Following) == Blocked;

    public void Unfollow(string userId) => Set(userId, Blocked);

    public bool IsBlocked(string userId)
    {
        lock (_gate)
        {
            return _users.TryGetValue(userId, out var user) && user.State == Blocked;
        }
    }

    public IReadOnlyList<UserState> Snapshot()
    {
        lock (_gate)
        {
            return [.. _users.Values.OrderBy(u => u.UserId, StringComparer.Ordinal)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _users.Clear();
        }
    }

    private string Set(string userId, string state)
    {
        lock (_gate)
        {
            var before = _users.TryGetValue(userId, out var user) ? user.State : Unknown;
            _users[userId] = new UserState(userId, state, time.GetUtcNow());
            return before;
        }
    }
}
