using System.Security.Cryptography;

namespace Queueing.Gateway.Notifications;

/// <summary>
/// LINE's webhook signature: base64 of HMAC-SHA256 over the raw request body, keyed with the channel secret, in the
/// <c>x-line-signature</c> header. Compared in constant time.
/// </summary>
public static class LineSignature
{
    public static string Compute(string channelSecret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(channelSecret), body));

    public static bool IsValid(string channelSecret, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(channelSecret) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature, given, out var length) || length != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(channelSecret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }
}
