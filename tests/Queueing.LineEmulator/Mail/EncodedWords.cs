using System.Text;
using System.Text.RegularExpressions;

namespace Queueing.LineEmulator.Mail;

/// <summary>
/// RFC 2047 encoded-words in headers (<c>=?UTF-8?B?5biC5b256YCa?=</c>, <c>=?utf-8?Q?caf=C3=A9?=</c>). Whitespace
/// between two encoded words is dropped, and the bytes of neighbouring words in one charset are joined before
/// decoding, so a character split across two words (as long subjects are) comes out whole.
/// </summary>
public static partial class EncodedWords
{
    [GeneratedRegex(@"=\?(?<charset>[^?*]+)(?:\*[^?]*)?\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    public static string Decode(string value)
    {
        var result = new StringBuilder();
        var pending = new List<byte>();
        string? pendingCharset = null;
        var position = 0;

        foreach (Match word in EncodedWord().Matches(value))
        {
            var gap = value[position..word.Index];
            var charset = word.Groups["charset"].Value;
            var joinsPrevious = pendingCharset is not null && string.IsNullOrWhiteSpace(gap);
            if (!joinsPrevious || !string.Equals(charset, pendingCharset, StringComparison.OrdinalIgnoreCase))
            {
                Flush();
                if (!joinsPrevious)
                {
                    result.Append(gap);
                }
            }

            pendingCharset = charset;
            pending.AddRange(word.Groups["encoding"].Value is "B" or "b"
                ? DecodeBase64(word.Groups["text"].Value)
                : DecodeQ(word.Groups["text"].Value));
            position = word.Index + word.Length;
        }

        Flush();
        result.Append(value[position..]);
        return result.ToString();

        void Flush()
        {
            if (pendingCharset is not null)
            {
                result.Append(Charsets.Get(pendingCharset).GetString([.. pending]));
                pending.Clear();
                pendingCharset = null;
            }
        }
    }

    private static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return Encoding.ASCII.GetBytes(text);
        }
    }

    /// <summary>The "Q" encoding: quoted-printable where "_" stands for a space.</summary>
    private static byte[] DecodeQ(string text) => QuotedPrintable.Decode(text.Replace('_', ' '));
}

/// <summary>Quoted-printable (RFC 2045): <c>=XX</c> bytes and <c>=</c> soft line breaks.</summary>
public static class QuotedPrintable
{
    public static byte[] Decode(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '=')
            {
                bytes.Add((byte)text[i]);
            }
            else if (i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
            {
                i += 2; // soft line break
            }
            else if (i + 1 < text.Length && text[i + 1] == '\n')
            {
                i += 1; // soft line break with a bare LF
            }
            else if (i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)'='); // not an escape: keep it, as decoders are asked to
            }
        }

        return [.. bytes];
    }
}

/// <summary>Text encodings by MIME charset name, including the Japanese legacy ones (ISO-2022-JP, Shift_JIS); UTF-8 when unknown.</summary>
public static class Charsets
{
    static Charsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Get(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset) || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8; // a superset of ASCII, and what 8BITMIME senders really use
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
