namespace Queueing.Contracts.Notifications;

/// <summary>Response to <see cref="LinkLineUser"/> (also published as an event).</summary>
public record LineUserLinked
{
    public required string TicketId { get; init; }
    public required string LineUserId { get; init; }
}
