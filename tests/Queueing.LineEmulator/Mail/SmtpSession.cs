using System.Text;
using System.Text.RegularExpressions;
using Queueing.LineEmulator.Faults;
using Queueing.LineEmulator.Inspection;

namespace Queueing.LineEmulator.Mail;

/// <summary>
/// One SMTP conversation (RFC 5321), enough for <c>System.Net.Mail.SmtpClient</c> and the usual libraries:
/// EHLO/HELO, MAIL FROM, RCPT TO, DATA (dot-unstuffed until CRLF.CRLF), RSET, NOOP, QUIT. Commands out of order get
/// 503, unknown ones 500. Armed SMTP faults answer 421 (then hang up) or 550 instead of accepting.
/// </summary>
public sealed partial class SmtpSession(
    Stream stream,
    MailStore store,
    FaultInjector faults,
    EmulatorStats stats,
    TimeProvider time,
    ILogger<SmtpSession> logger)
{
    private const string Host = "127.0.0.1";
    private const int MaxLineBytes = 64 * 1024;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    private readonly byte[] _buffer = new byte[8192];
    private int _buffered;
    private int _consumed;

    // Conversation state: greeted once, then one transaction (MAIL, RCPT…, DATA) at a time.
    private bool _greeted;
    private string? _reversePath;
    private readonly List<string> _recipients = [];

    [GeneratedRegex(@"^FROM:\s*<(?<path>[^>]*)>(?<params>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MailFrom();

    [GeneratedRegex(@"^TO:\s*<(?<path>[^>]+)>", RegexOptions.IgnoreCase)]
    private static partial Regex RcptTo();

    [GeneratedRegex(@"\bSIZE=(?<size>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex SizeParameter();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        await ReplyAsync($"220 {Host} ESMTP Matanai mail sink ready", stoppingToken);
        while (await ReadLineAsync(stoppingToken) is { } line)
        {
            var text = Encoding.UTF8.GetString(line);
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
            var argument = space < 0 ? "" : text[(space + 1)..].Trim();

            var keepOpen = verb switch
            {
                "EHLO" => await EhloAsync(argument, extended: true, stoppingToken),
                "HELO" => await EhloAsync(argument, extended: false, stoppingToken),
                "MAIL" => await MailAsync(argument, stoppingToken),
                "RCPT" => await RcptAsync(argument, stoppingToken),
                "DATA" => await DataAsync(stoppingToken),
                "RSET" => await ResetAsync(stoppingToken),
                "NOOP" => await ReplyAsync("250 2.0.0 OK", stoppingToken),
                "QUIT" => await QuitAsync(stoppingToken),
                "VRFY" or "EXPN" or "HELP" or "STARTTLS" or "AUTH" or "TURN" =>
                    await ReplyAsync("502 5.5.1 Command not implemented", stoppingToken),
                _ => await ReplyAsync("500 5.5.2 Command not recognized", stoppingToken),
            };

            if (!keepOpen)
            {
                return;
            }
        }
    }

    private async Task<bool> EhloAsync(string domain, bool extended, CancellationToken ct)
    {
        if (domain.Length == 0)
        {
            return await ReplyAsync("501 5.5.4 Syntax: EHLO domain", ct);
        }

        _greeted = true;
        ClearTransaction();
        return extended
            ? await ReplyAsync($"250-{Host} Hello {domain}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE {SmtpOptions.MaxMessageBytes}", ct)
            : await ReplyAsync($"250 {Host} Hello {domain}", ct);
    }

    private async Task<bool> MailAsync(string argument, CancellationToken ct)
    {
        if (!_greeted)
        {
            return await ReplyAsync("503 5.5.1 Send EHLO or HELO first", ct);
        }

        if (_reversePath is not null)
        {
            return await ReplyAsync("503 5.5.1 Nested MAIL command", ct);
        }

        var match = MailFrom().Match(argument);
        if (!match.Success)
        {
            return await ReplyAsync("501 5.5.4 Syntax: MAIL FROM:<address>", ct);
        }

        if (SizeParameter().Match(match.Groups["params"].Value) is { Success: true } size
            && long.Parse(size.Groups["size"].Value, System.Globalization.CultureInfo.InvariantCulture) > SmtpOptions.MaxMessageBytes)
        {
            return await ReplyAsync("552 5.3.4 Message size exceeds fixed limit", ct);
        }

        // An untargeted 421 fires here; one aimed at an address waits for that RCPT TO.
        if (faults.TryConsume(FaultChannel.Smtp, recipient: null, mode => mode == FaultMode.SmtpServiceNotAvailable) is not null)
        {
            return await ServiceNotAvailableAsync(ct);
        }

        _reversePath = match.Groups["path"].Value; // may be empty: the null reverse-path of bounces
        return await ReplyAsync("250 2.1.0 OK", ct);
    }

    private async Task<bool> RcptAsync(string argument, CancellationToken ct)
    {
        if (_reversePath is null)
        {
            return await ReplyAsync("503 5.5.1 Need MAIL before RCPT", ct);
        }

        var match = RcptTo().Match(argument);
        if (!match.Success)
        {
            return await ReplyAsync("501 5.5.4 Syntax: RCPT TO:<address>", ct);
        }

        var address = match.Groups["path"].Value;
        switch (faults.TryConsume(FaultChannel.Smtp, address)?.Mode)
        {
            case FaultMode.SmtpServiceNotAvailable:
                return await ServiceNotAvailableAsync(ct);
            case FaultMode.SmtpMailboxUnavailable:
                stats.RecordSmtpFault();
                logger.LogInformation("Injecting SMTP fault 550 for {Address}", address);
                return await ReplyAsync($"550 5.1.1 <{address}>: Recipient address rejected: mailbox unavailable (fault injected)", ct);
        }

        _recipients.Add(address);
        return await ReplyAsync("250 2.1.5 OK", ct);
    }

    private async Task<bool> DataAsync(CancellationToken ct)
    {
        if (_reversePath is null || _recipients.Count == 0)
        {
            return await ReplyAsync("503 5.5.1 Need MAIL and RCPT before DATA", ct);
        }

        await ReplyAsync("354 End data with <CR><LF>.<CR><LF>", ct);

        using var message = new MemoryStream();
        var tooBig = false;
        while (true)
        {
            var line = await ReadLineAsync(ct);
            if (line is null)
            {
                return false; // the client went away mid-message: nothing is stored
            }

            if (line is [(byte)'.'])
            {
                break;
            }

            // Dot-unstuffing: a line the client started with "." was sent as "..".
            var content = line is [(byte)'.', ..] ? line.AsSpan(1) : line;
            if (message.Length + content.Length + 2 > SmtpOptions.MaxMessageBytes)
            {
                tooBig = true; // keep reading to the end, then refuse
                continue;
            }

            message.Write(content);
            message.Write("\r\n"u8);
        }

        if (tooBig)
        {
            ClearTransaction();
            return await ReplyAsync("552 5.3.4 Message size exceeds fixed limit", ct);
        }

        var parsed = MailParser.Parse(message.ToArray());
        var mail = new StoredMail(
            parsed.MessageId,
            parsed.From ?? (_reversePath.Length > 0 ? _reversePath : null),
            parsed.FromName,
            [.. _recipients],
            parsed.Subject,
            parsed.Body,
            time.GetUtcNow());
        stats.RecordMail(duplicateMessageId: store.Add(mail));
        logger.LogInformation("Mail {MessageId} to {To}: {Subject}", mail.MessageId, string.Join(", ", mail.To), mail.Subject);

        ClearTransaction();
        return await ReplyAsync("250 2.0.0 OK: queued", ct);
    }

    private async Task<bool> QuitAsync(CancellationToken ct)
    {
        await ReplyAsync($"221 2.0.0 {Host} closing connection", ct);
        return false;
    }

    private async Task<bool> ResetAsync(CancellationToken ct)
    {
        ClearTransaction();
        return await ReplyAsync("250 2.0.0 OK", ct);
    }

    /// <summary>421 and hang up, as a server that is going away does (RFC 5321 3.8); the transaction is lost.</summary>
    private async Task<bool> ServiceNotAvailableAsync(CancellationToken ct)
    {
        stats.RecordSmtpFault();
        logger.LogInformation("Injecting SMTP fault 421");
        ClearTransaction();
        await ReplyAsync($"421 4.3.0 {Host} Service not available, closing transmission channel (fault injected)", ct);
        return false;
    }

    private void ClearTransaction()
    {
        _reversePath = null;
        _recipients.Clear();
    }

    /// <summary>Writes one reply (lines already joined with CRLF); returns true so handlers can end with it.</summary>
    private async Task<bool> ReplyAsync(string reply, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"), ct);
        await stream.FlushAsync(ct);
        return true;
    }

    /// <summary>The next line without its CRLF (a bare LF is accepted too), or null when the client closed or went idle.</summary>
    private async Task<byte[]?> ReadLineAsync(CancellationToken stoppingToken)
    {
        using var line = new MemoryStream();
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _consumed, _buffered - _consumed);
            if (newline >= 0)
            {
                line.Write(_buffer, _consumed, newline - _consumed);
                _consumed = newline + 1;
                var bytes = line.ToArray();
                return bytes is [.., (byte)'\r'] ? bytes[..^1] : bytes;
            }

            line.Write(_buffer, _consumed, _buffered - _consumed);
            if (line.Length > MaxLineBytes)
            {
                await ReplyAsync("500 5.5.2 Line too long", stoppingToken);
                return null;
            }

            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            idle.CancelAfter(IdleTimeout);
            _consumed = 0;
            _buffered = await stream.ReadAsync(_buffer, idle.Token);
            if (_buffered == 0)
            {
                return null;
            }
        }
    }
}
