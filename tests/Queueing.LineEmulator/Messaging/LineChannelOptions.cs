using System.Security.Cryptography;
using System.Text;

namespace Queueing.LineEmulator.Messaging;

/// <summary>The single LINE channel the emulator pretends to be.</summary>
/// <param name="ChannelAccessToken">Token the Messaging API expects as <c>Authorization: Bearer …</c>.</param>
/// <param name="ChannelSecret">Key of the <c>x-line-signature</c> HMAC on webhook requests.</param>
/// <param name="WebhookUrl">Where webhook events go (<c>Line:WebhookUrl</c>); null: nowhere until set at runtime.</param>
public sealed record LineChannelOptions(string ChannelAccessToken, string ChannelSecret, string? WebhookUrl = null)
{
    public const string DefaultChannelAccessToken = "demo-channel-token";
    public const string DefaultChannelSecret = "demo-channel-secret";

    /// <summary>
    /// The bot's own user id, sent as <c>destination</c> in webhook bodies: "U" + 32 hex digits, derived from the
    /// secret so it is stable across restarts.
    /// </summary>
    public string BotUserId { get; } = "U" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ChannelSecret)))[..32];

    public static LineChannelOptions From(IConfiguration configuration) => new(
        NonEmptyOr(configuration["Line:ChannelAccessToken"], DefaultChannelAccessToken),
        NonEmptyOr(configuration["Line:ChannelSecret"], DefaultChannelSecret),
        string.IsNullOrWhiteSpace(configuration["Line:WebhookUrl"]) ? null : configuration["Line:WebhookUrl"]!.Trim());

    private static string NonEmptyOr(string? value, string fallback) =>
        string.IsNullOrWhiteSpace(value) ? fallback : value;
}
