using System.Security.Cryptography;
using System.Text;

namespace Queueing.LineEmulator.Webhooks;

/// <summary>
/// The <c>x-line-signature</c> header of a webhook request: base64 of HMAC-SHA256 over the exact request body
/// bytes, keyed by the channel secret (as UTF-8). A receiver must verify it against the raw bytes it received,
/// before any JSON parsing.
/// </summary>
public static class LineSignature
{
    public const string HeaderName = "x-line-signature";

    public static string Compute(string channelSecret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), body));

    /// <summary>Constant-time comparison of <paramref name="signature"/> with the expected one.</summary>
    public static bool Verify(string channelSecret, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(channelSecret, body)),
            Encoding.ASCII.GetBytes(signature));
}
