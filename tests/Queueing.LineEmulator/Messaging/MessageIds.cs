using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace Queueing.LineEmulator.Messaging;

/// <summary>Hands out message ids (real ones are 18-digit decimal strings) and quote tokens, shared by every store.</summary>
public sealed class MessageIds
{
    private const long FirstMessageId = 500_000_000_000_000_000;

    private long _lastMessageId = FirstMessageId;

    public string Next() => Interlocked.Increment(ref _lastMessageId).ToString(CultureInfo.InvariantCulture);

    public static string NewQuoteToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48));

    /// <summary>One <see cref="SentMessage"/> per text, as the push and reply responses list them.</summary>
    public IReadOnlyList<SentMessage> SentFor(IReadOnlyList<string> texts) =>
        texts.Select(_ => new SentMessage(Next(), NewQuoteToken())).ToArray();
}
