using System.Net.Mail;
using System.Text;

namespace Queueing.LineEmulator.Mail;

/// <summary>What the sink keeps of one message's content (the envelope is added by the SMTP session).</summary>
public sealed record ParsedMail(string? MessageId, string? From, string? FromName, string Subject, string Body);

/// <summary>
/// Just enough MIME (RFC 5322, 2045–2047) to read what an application sends: headers with folding and encoded
/// words, Content-Transfer-Encoding base64 / quoted-printable / 7bit / 8bit, any charset, and multipart bodies,
/// from which the first text/plain part is taken (else the first text part). Body line breaks become "\n" and
/// trailing ones are dropped.
/// </summary>
public static class MailParser
{
    public static ParsedMail Parse(ReadOnlySpan<byte> message)
    {
        // Latin-1 maps every byte to one char, so the structure can be parsed as text and each part's bytes recovered.
        var (headers, body) = SplitEntity(Encoding.Latin1.GetString(message));
        var (fromAddress, fromName) = ParseAddress(Header(headers, "From"));
        return new ParsedMail(
            Header(headers, "Message-ID")?.Trim(),
            fromAddress,
            fromName,
            Header(headers, "Subject") ?? "",
            TextOf(headers, body) ?? "");
    }

    /// <summary>Headers (names case-insensitive, folded lines joined, values decoded) and the raw body.</summary>
    private static (Dictionary<string, string> Headers, string Body) SplitEntity(string entity)
    {
        var end = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var separator = 4;
        if (end < 0)
        {
            end = entity.IndexOf("\n\n", StringComparison.Ordinal);
            separator = 2;
        }

        var headerText = end < 0 ? entity : entity[..end];
        var body = end < 0 ? "" : entity[(end + separator)..];

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? name = null;
        foreach (var line in headerText.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && name is not null)
            {
                headers[name] += line; // folded continuation: the line break is dropped, the whitespace kept
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                name = line[..colon].Trim();
                headers.TryAdd(name, line[(colon + 1)..].Trim()); // first occurrence wins
            }
        }

        // Raw header bytes are UTF-8 when the sender used SMTPUTF8; encoded words cover the 7-bit case.
        foreach (var key in headers.Keys.ToList())
        {
            headers[key] = EncodedWords.Decode(Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(headers[key])).Trim());
        }

        return (headers, body);
    }

    private static string? Header(Dictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The text of an entity: itself when it is text, else its first text/plain (or text) part.</summary>
    private static string? TextOf(Dictionary<string, string> headers, string body)
    {
        var (mediaType, parameters) = ContentType(Header(headers, "Content-Type"));
        if (mediaType.StartsWith("multipart/", StringComparison.Ordinal) && parameters.TryGetValue("boundary", out var boundary))
        {
            // text/plain parts first (multipart/alternative lists plain before html, but do not rely on it).
            var parts = SplitMultipart(body, boundary)
                .Select(SplitEntity)
                .OrderBy(p => ContentType(Header(p.Headers, "Content-Type")).MediaType == "text/plain" ? 0 : 1);
            foreach (var (partHeaders, partBody) in parts)
            {
                if (TextOf(partHeaders, partBody) is { } partText)
                {
                    return partText;
                }
            }

            return null;
        }

        if (!mediaType.StartsWith("text/", StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = (Header(headers, "Content-Transfer-Encoding") ?? "7bit").ToLowerInvariant() switch
        {
            "base64" => Base64(body),
            "quoted-printable" => QuotedPrintable.Decode(body),
            _ => Encoding.Latin1.GetBytes(body),
        };
        var text = Charsets.Get(parameters.GetValueOrDefault("charset")).GetString(bytes);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
    }

    /// <summary>Media type (lower case, text/plain when absent) and parameters (quotes removed).</summary>
    private static (string MediaType, Dictionary<string, string> Parameters) ContentType(string? header)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(header))
        {
            return ("text/plain", parameters);
        }

        var pieces = header.Split(';');
        foreach (var piece in pieces.Skip(1))
        {
            var equals = piece.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parameters[piece[..equals].Trim()] = piece[(equals + 1)..].Trim().Trim('"');
            }
        }

        return (pieces[0].Trim().ToLowerInvariant(), parameters);
    }

    /// <summary>The parts between <c>--boundary</c> lines, up to <c>--boundary--</c>.</summary>
    private static List<string> SplitMultipart(string body, string boundary)
    {
        var parts = new List<string>();
        StringBuilder? current = null;
        foreach (var line in body.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line == "--" + boundary + "--")
            {
                break;
            }

            if (line == "--" + boundary)
            {
                if (current is not null)
                {
                    parts.Add(current.ToString());
                }

                current = new StringBuilder();
            }
            else
            {
                current?.Append(line).Append("\r\n");
            }
        }

        if (current is not null)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }

    private static byte[] Base64(string body)
    {
        var compact = new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray());
        try
        {
            return Convert.FromBase64String(compact);
        }
        catch (FormatException)
        {
            return Encoding.Latin1.GetBytes(body);
        }
    }

    /// <summary>Bare address and display name of a From header (already decoded), or the raw value when it does not parse.</summary>
    private static (string? Address, string? Name) ParseAddress(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return (null, null);
        }

        return MailAddress.TryCreate(header, out var address)
            ? (address.Address, string.IsNullOrEmpty(address.DisplayName) ? null : address.DisplayName)
            : (header, null);
    }
}
