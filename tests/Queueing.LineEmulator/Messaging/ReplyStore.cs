namespace Queueing.LineEmulator.Messaging;

/// <summary>A reply the emulator accepted, as shown by <c>GET /emulator/replies</c>.</summary>
public sealed record AcceptedReply(
    string To,
    IReadOnlyList<string> Texts,
    string ReplyToken,
    string RequestId,
    DateTimeOffset ReceivedAt,
    bool NotificationDisabled,
    IReadOnlyList<SentMessage> SentMessages,
    IReadOnlyList<QuickReplyButton>? QuickReply,
    bool Delivered);

/// <summary>Thread-safe in-memory record of accepted replies.</summary>
public sealed class ReplyStore(TimeProvider time, MessageIds ids)
{
    private readonly Lock _gate = new();
    private readonly List<AcceptedReply> _replies = [];

    public AcceptedReply Accept(ValidReply reply, string to, string requestId, bool delivered)
    {
        var accepted = new AcceptedReply(
            to,
            reply.Texts,
            reply.ReplyToken,
            requestId,
            time.GetUtcNow(),
            reply.NotificationDisabled,
            ids.SentFor(reply.Texts),
            reply.QuickReply,
            delivered);

        lock (_gate)
        {
            _replies.Add(accepted);
        }

        return accepted;
    }

    /// <summary>Accepted replies in arrival order, optionally only those to <paramref name="to"/>.</summary>
    public IReadOnlyList<AcceptedReply> Snapshot(string? to = null)
    {
        lock (_gate)
        {
            return string.IsNullOrEmpty(to) ? [.. _replies] : [.. _replies.Where(r => r.To == to)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _replies.Clear();
        }
    }
}
