namespace Queueing.Contracts.Notifications;

/// <summary>Link a ticket to a LINE user so its milestones are pushed there. Responds <see cref="LineUserLinked"/> or CommandRejected.</summary>
public record LinkLineUser
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Number { get; init; }
    public required string LineUserId { get; init; }
    /// <summary>The ticket's status-link token, for the "ticket issued" message's link.</summary>
    public string? Token { get; init; }
    /// <summary>The language the resident was reading when linking: ja (default), en, zh, ko.</summary>
    public string? Language { get; init; }
}
