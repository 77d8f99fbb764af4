using System.Text.Json.Serialization;

namespace Queueing.LineEmulator.Messaging;

// Wire shapes of POST /v2/bot/message/push, as the LINE platform spells them (camelCase JSON).

/// <summary>Request body. Everything is nullable so that missing fields become validation errors, not parse errors.</summary>
public sealed record PushRequest(string? To, IReadOnlyList<PushMessage?>? Messages, bool? NotificationDisabled);

/// <summary>A message object. The emulator understands only <c>{"type":"text","text":"…"}</c>.</summary>
public sealed record PushMessage(string? Type, string? Text);

/// <summary>One entry of <c>sentMessages</c>, one per message in the request.</summary>
public sealed record SentMessage(string Id, string QuoteToken);

/// <summary>200 body.</summary>
public sealed record PushResponse(IReadOnlyList<SentMessage> SentMessages);

/// <summary>LINE's error body: <c>details</c> and <c>sentMessages</c> are left out when they do not apply.</summary>
public sealed record LineError(
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<LineErrorDetail>? Details = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SentMessage>? SentMessages = null);

public sealed record LineErrorDetail(string Message, string Property);

/// <summary>Response headers the platform sets on Messaging API calls.</summary>
public static class LineHeaders
{
    public const string RequestId = "x-line-request-id";
    public const string AcceptedRequestId = "x-line-accepted-request-id";
    public const string RetryKey = "X-Line-Retry-Key";
}
