namespace Queueing.LineEmulator.Mail;

/// <summary>
/// A mail the SMTP sink accepted, as <c>GET /emulator/mail</c> shows it. <c>to</c> holds the envelope recipients
/// (RCPT TO: who it was delivered to, Bcc included); <c>from</c> the From header's address.
/// </summary>
public sealed record StoredMail(
    string? MessageId,
    string? From,
    string? FromName,
    IReadOnlyList<string> To,
    string Subject,
    string Body,
    DateTimeOffset ReceivedAt);

/// <summary>Thread-safe in-memory mailbox of everything the sink accepted, oldest first.</summary>
public sealed class MailStore
{
    private readonly Lock _gate = new();
    private readonly List<StoredMail> _mails = [];
    private readonly HashSet<string> _messageIds = new(StringComparer.Ordinal);

    /// <summary>Stores <paramref name="mail"/>; returns true when its Message-ID was seen before (it is stored anyway).</summary>
    public bool Add(StoredMail mail)
    {
        lock (_gate)
        {
            _mails.Add(mail);
            return mail.MessageId is { } id && !_messageIds.Add(id);
        }
    }

    /// <summary>Mails in arrival order, optionally only those delivered to <paramref name="to"/> (case-insensitive).</summary>
    public IReadOnlyList<StoredMail> Snapshot(string? to = null)
    {
        lock (_gate)
        {
            return string.IsNullOrEmpty(to)
                ? [.. _mails]
                : [.. _mails.Where(m => m.To.Contains(to, StringComparer.OrdinalIgnoreCase))];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _mails.Clear();
            _messageIds.Clear();
        }
    }
}
