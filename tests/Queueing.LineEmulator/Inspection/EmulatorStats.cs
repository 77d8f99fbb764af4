namespace Queueing.LineEmulator.Inspection;

/// <summary>Body of <c>GET /emulator/stats</c>.</summary>
public sealed record StatsSnapshot(
    long Accepted,
    long DuplicatesRejected,
    long FaultsInjected,
    long Unauthorized,
    long InvalidRequests,
    long UndeliveredToBlocked,
    long Replies,
    long InvalidReplyTokens,
    long WebhooksSent,
    long WebhooksFailed,
    long Mails,
    long DuplicateMessageIds,
    long SmtpFaultsInjected);

/// <summary>Lock-free counters of what the emulator answered: LINE API, webhooks and the SMTP sink.</summary>
public sealed class EmulatorStats
{
    // One slot per StatsSnapshot field, in the same order.
    private readonly long[] _counts = new long[Enum.GetValues<Counter>().Length];

    private enum Counter
    {
        Accepted,
        DuplicatesRejected,
        FaultsInjected,
        Unauthorized,
        InvalidRequests,
        UndeliveredToBlocked,
        Replies,
        InvalidReplyTokens,
        WebhooksSent,
        WebhooksFailed,
        Mails,
        DuplicateMessageIds,
        SmtpFaultsInjected,
    }

    public void RecordAccepted() => Add(Counter.Accepted);

    public void RecordDuplicate() => Add(Counter.DuplicatesRejected);

    public void RecordFault() => Add(Counter.FaultsInjected);

    public void RecordUnauthorized() => Add(Counter.Unauthorized);

    public void RecordInvalid() => Add(Counter.InvalidRequests);

    /// <summary>A push or reply accepted for a user who blocked the account (so not delivered).</summary>
    public void RecordUndeliveredToBlocked() => Add(Counter.UndeliveredToBlocked);

    public void RecordReply() => Add(Counter.Replies);

    public void RecordInvalidReplyToken() => Add(Counter.InvalidReplyTokens);

    /// <summary>A webhook POST the bot server answered (any status), or one that got no answer / had no URL.</summary>
    public void RecordWebhook(bool delivered) => Add(delivered ? Counter.WebhooksSent : Counter.WebhooksFailed);

    /// <summary>A mail stored by the SMTP sink; <paramref name="duplicateMessageId"/> when its Message-ID was seen before.</summary>
    public void RecordMail(bool duplicateMessageId)
    {
        Add(Counter.Mails);
        if (duplicateMessageId)
        {
            Add(Counter.DuplicateMessageIds);
        }
    }

    public void RecordSmtpFault() => Add(Counter.SmtpFaultsInjected);

    public StatsSnapshot Snapshot() => new(
        Read(Counter.Accepted),
        Read(Counter.DuplicatesRejected),
        Read(Counter.FaultsInjected),
        Read(Counter.Unauthorized),
        Read(Counter.InvalidRequests),
        Read(Counter.UndeliveredToBlocked),
        Read(Counter.Replies),
        Read(Counter.InvalidReplyTokens),
        Read(Counter.WebhooksSent),
        Read(Counter.WebhooksFailed),
        Read(Counter.Mails),
        Read(Counter.DuplicateMessageIds),
        Read(Counter.SmtpFaultsInjected));

    public void Reset()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }
    }

    private void Add(Counter counter) => Interlocked.Increment(ref _counts[(int)counter]);

    private long Read(Counter counter) => Interlocked.Read(ref _counts[(int)counter]);
}
