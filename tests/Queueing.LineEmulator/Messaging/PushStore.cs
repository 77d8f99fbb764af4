namespace Queueing.LineEmulator.Messaging;

/// <summary>
/// A push the emulator accepted (answered 200), as shown by <c>GET /emulator/pushes</c>. <paramref name="Delivered"/>
/// is false when the user had blocked the account: LINE accepts such pushes silently but nothing reaches the phone.
/// </summary>
public sealed record AcceptedPush(
    string To,
    IReadOnlyList<string> Texts,
    string? RetryKey,
    string RequestId,
    DateTimeOffset ReceivedAt,
    bool NotificationDisabled,
    IReadOnlyList<SentMessage> SentMessages,
    IReadOnlyList<QuickReplyButton>? QuickReply,
    bool Delivered);

/// <summary>Outcome of <see cref="PushStore.Accept"/>: either newly stored, or the original push for a reused retry key.</summary>
public sealed record AcceptOutcome(AcceptedPush Push, bool IsDuplicate);

/// <summary>Thread-safe in-memory record of accepted pushes and the retry keys they used.</summary>
public sealed class PushStore(TimeProvider time, MessageIds ids)
{
    private readonly Lock _gate = new();
    private readonly List<AcceptedPush> _pushes = [];
    private readonly Dictionary<string, AcceptedPush> _byRetryKey = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Stores <paramref name="push"/> unless <paramref name="retryKey"/> was already accepted, in which case
    /// nothing is stored and the original push is returned. Check and insert are one atomic step.
    /// </summary>
    /// <param name="retryKey">A UUID in 8-4-4-4-12 form (compared case-insensitively), or null.</param>
    /// <param name="delivered">False when the recipient has blocked the account.</param>
    public AcceptOutcome Accept(ValidPush push, string? retryKey, string requestId, bool delivered = true)
    {
        lock (_gate)
        {
            if (retryKey is { } key && _byRetryKey.TryGetValue(key, out var original))
            {
                return new AcceptOutcome(original, IsDuplicate: true);
            }

            var accepted = new AcceptedPush(
                push.To,
                push.Texts,
                retryKey,
                requestId,
                time.GetUtcNow(),
                push.NotificationDisabled,
                ids.SentFor(push.Texts),
                push.QuickReply,
                delivered);

            _pushes.Add(accepted);
            if (retryKey is not null)
            {
                _byRetryKey[retryKey] = accepted;
            }

            return new AcceptOutcome(accepted, IsDuplicate: false);
        }
    }

    /// <summary>Accepted pushes in arrival order, optionally only those sent to <paramref name="to"/>.</summary>
    public IReadOnlyList<AcceptedPush> Snapshot(string? to = null)
    {
        lock (_gate)
        {
            return string.IsNullOrEmpty(to) ? [.. _pushes] : [.. _pushes.Where(p => p.To == to)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _pushes.Clear();
            _byRetryKey.Clear();
        }
    }
}
