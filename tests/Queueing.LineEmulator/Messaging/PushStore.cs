using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace Queueing.LineEmulator.Messaging;

/// <summary>A push the emulator accepted (answered 200), as shown by <c>GET /emulator/pushes</c>.</summary>
public sealed record AcceptedPush(
    string To,
    IReadOnlyList<string> Texts,
    string? RetryKey,
    string RequestId,
    DateTimeOffset ReceivedAt,
    bool NotificationDisabled,
    IReadOnlyList<SentMessage> SentMessages);

/// <summary>Outcome of <see cref="PushStore.Accept"/>: either newly stored, or the original push for a reused retry key.</summary>
public sealed record AcceptOutcome(AcceptedPush Push, bool IsDuplicate);

/// <summary>Thread-safe in-memory record of accepted pushes and the retry keys they used.</summary>
public sealed class PushStore(TimeProvider time)
{
    // Real message ids are 18-digit decimal strings.
    private const long FirstMessageId = 500_000_000_000_000_000;

    private readonly Lock _gate = new();
    private readonly List<AcceptedPush> _pushes = [];
    private readonly Dictionary<string, AcceptedPush> _byRetryKey = new(StringComparer.OrdinalIgnoreCase);
    private long _lastMessageId = FirstMessageId;

    /// <summary>
    /// Stores <paramref name="push"/> unless <paramref name="retryKey"/> was already accepted, in which case
    /// nothing is stored and the original push is returned. Check and insert are one atomic step.
    /// </summary>
    /// <param name="retryKey">A UUID in 8-4-4-4-12 form (compared case-insensitively), or null.</param>
    public AcceptOutcome Accept(ValidPush push, string? retryKey, string requestId)
    {
        lock (_gate)
        {
            if (retryKey is { } key && _byRetryKey.TryGetValue(key, out var original))
            {
                return new AcceptOutcome(original, IsDuplicate: true);
            }

            var sent = push.Texts.Select(_ => new SentMessage(NextMessageId(), NewQuoteToken())).ToArray();
            var accepted = new AcceptedPush(
                push.To,
                push.Texts,
                retryKey,
                requestId,
                time.GetUtcNow(),
                push.NotificationDisabled,
                sent);

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

    private string NextMessageId() => (++_lastMessageId).ToString(CultureInfo.InvariantCulture);

    private static string NewQuoteToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48));
}
