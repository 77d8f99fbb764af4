namespace Queueing.Contracts.Notifications;

/// <summary>
/// Event: the Gateway received a LINE webhook whose x-line-signature verified, answered LINE at once and hands the
/// raw body to Notification to process asynchronously (follow, unfollow, message events).
/// </summary>
public record LineWebhookReceived
{
    public required string Body { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}
