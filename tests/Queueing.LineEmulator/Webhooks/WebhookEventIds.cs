using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Queueing.LineEmulator.Webhooks;

/// <summary>
/// Webhook event ids in ULID form, as LINE sends them: 26 Crockford base32 characters, a 48-bit millisecond time
/// stamp (so ids sort by time) followed by 80 random bits, e.g. <c>01HZX3Q7V5M2K8T9R4W6Y0B1CD</c>.
/// </summary>
public static class WebhookEventIds
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset at)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var value = ((UInt128)(ulong)at.ToUnixTimeMilliseconds() << 80)
            | ((UInt128)BinaryPrimitives.ReadUInt64BigEndian(random) << 16)
            | BinaryPrimitives.ReadUInt16BigEndian(random[8..]);

        // 128 bits as 26 five-bit digits, most significant first (the first digit holds only 3 bits).
        Span<char> id = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            id[i] = Crockford[(int)(value & 31)];
            value >>= 5;
        }

        return new string(id);
    }
}
