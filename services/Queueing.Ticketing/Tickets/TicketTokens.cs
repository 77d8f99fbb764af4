using System.Security.Cryptography;

namespace Queueing.Ticketing.Tickets;

/// <summary>Resident link tokens: 128 random bits, base64url. Unguessable; they carry no personal data.</summary>
public static class TicketTokens
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool LooksValid(string token) =>
        token.Length == 22 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
