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

    /// <summary>
    /// Compares the base64 text itself (in constant time), not the decoded bytes: base64 decoders ignore the unused
    /// bits of the last character, so decoding would accept more than one spelling of a signature.
    /// </summary>
    public static bool IsValid(string channelSecret, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(channelSecret) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = System.Text.Encoding.ASCII.GetBytes(Compute(channelSecret, body));
        var given = System.Text.Encoding.UTF8.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
