namespace Queueing.Contracts.Ticketing;

/// <summary>Event (and response to <see cref="CompleteTicket"/>): a ticket's visit ended at a counter.</summary>
public record TicketCompleted
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Number { get; init; }
    public required string Counter { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    public required long Version { get; init; }
}
