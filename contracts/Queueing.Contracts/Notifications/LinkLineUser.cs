namespace Queueing.Contracts.Notifications;

/// <summary>Link a ticket to a LINE user so its milestones are pushed there. Responds <see cref="LineUserLinked"/> or CommandRejected.</summary>
public record LinkLineUser
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Number { get; init; }
    public required string LineUserId { get; init; }
}
