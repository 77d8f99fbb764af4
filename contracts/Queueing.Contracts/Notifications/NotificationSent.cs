namespace Queueing.Contracts.Notifications;

/// <summary>Event: a message was accepted by a channel (LINE) for a ticket milestone.</summary>
public record NotificationSent
{
    public required string TicketId { get; init; }
    public required string Milestone { get; init; }
    public required string Channel { get; init; }
    public required Guid RetryKey { get; init; }
    public required DateTimeOffset At { get; init; }
}
