namespace Queueing.Contracts.Ticketing;

/// <summary>Event (and response to <see cref="CallNextTicket"/>): a ticket was called to a counter.</summary>
public record TicketCalled
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Queue { get; init; }
    public required string Number { get; init; }
    public required string Counter { get; init; }
    public required DateTimeOffset CalledAt { get; init; }
    public required long Version { get; init; }
}
