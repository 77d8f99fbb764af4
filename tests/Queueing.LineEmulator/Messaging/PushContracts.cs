using System.Text.Json.Serialization;

namespace Queueing.LineEmulator.Messaging;

// Wire shapes of POST /v2/bot/message/push and /reply, as the LINE platform spells them (camelCase JSON).

/// <summary>Push request body. Everything is nullable so that missing fields become validation errors, not parse errors.</summary>
public sealed record PushRequest(string? To, IReadOnlyList<PushMessage?>? Messages, bool? NotificationDisabled);

/// <summary>Reply request body: like a push, but addressed by a reply token from a webhook event.</summary>
public sealed record ReplyRequest(string? ReplyToken, IReadOnlyList<PushMessage?>? Messages, bool? NotificationDisabled);

/// <summary>A message object. The emulator understands only <c>{"type":"text","text":"…","quickReply":{…}}</c>.</summary>
public sealed record PushMessage(string? Type, string? Text, QuickReply? QuickReply = null);

/// <summary><c>{"items":[{"type":"action","action":{"type":"message","label":"…","text":"…"}}]}</c>.</summary>
public sealed record QuickReply(IReadOnlyList<QuickReplyItem?>? Items);

public sealed record QuickReplyItem(string? Type, QuickReplyAction? Action);

/// <summary>A quick-reply action. Only message actions (tapping sends <c>text</c> as the user) are emulated.</summary>
public sealed record QuickReplyAction(string? Type, string? Label, string? Text);

/// <summary>A validated quick-reply button as stored and shown: its label and the text a tap sends.</summary>
public sealed record QuickReplyButton(string Label, string Text);

/// <summary>One entry of <c>sentMessages</c>, one per message in the request.</summary>
public sealed record SentMessage(string Id, string QuoteToken);

/// <summary>200 body of push and reply.</summary>
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
