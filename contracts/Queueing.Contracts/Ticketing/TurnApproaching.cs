namespace Queueing.Contracts.Ticketing;

/// <summary>Event, once per ticket and queue: it is within N places or M minutes of being called.</summary>
public record TurnApproaching
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Number { get; init; }
    public required string Queue { get; init; }
    public required int Position { get; init; }
    public required int WaitP50 { get; init; }
    public required int WaitP90 { get; init; }
}
