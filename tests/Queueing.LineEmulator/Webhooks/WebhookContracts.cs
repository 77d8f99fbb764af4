using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Queueing.LineEmulator.Webhooks;

// Wire shapes of the webhook request body LINE POSTs to the bot server, in LINE's field names.

public sealed record WebhookBody(string Destination, IReadOnlyList<WebhookEvent> Events);

/// <summary>One event. <c>replyToken</c> is absent on unfollow; <c>message</c> only on message events; <c>follow</c> only on follow.</summary>
public sealed record WebhookEvent(
    string Type,
    string Mode,
    long Timestamp,
    WebhookSource Source,
    string WebhookEventId,
    DeliveryContext DeliveryContext,
    string? ReplyToken = null,
    WebhookMessage? Message = null,
    FollowDetail? Follow = null);

public sealed record WebhookSource(string Type, string UserId);

public sealed record DeliveryContext(bool IsRedelivery);

public sealed record WebhookMessage(string Id, string Type, string QuoteToken, string Text);

public sealed record FollowDetail(bool IsUnblocked);

public static class WebhookJson
{
    /// <summary>
    /// camelCase, absent instead of null, and Japanese as raw UTF-8 (not <c>\uXXXX</c>), like LINE's own bodies, so
    /// a receiver that re-serialises instead of verifying the raw bytes gets a signature mismatch.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
