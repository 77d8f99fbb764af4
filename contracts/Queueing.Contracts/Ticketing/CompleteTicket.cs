namespace Queueing.Contracts.Ticketing;

/// <summary>Complete the ticket currently called at a counter. Responds <see cref="TicketCompleted"/> or CommandRejected (409 when none).</summary>
public record CompleteTicket
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
}
