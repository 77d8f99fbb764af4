namespace Queueing.Contracts.Ticketing;

/// <summary>
/// Take the oldest waiting ticket of the given queues for a counter, atomically. A ticket still called at
/// that counter is completed first. Responds <see cref="TicketCalled"/>, <see cref="NoTicketWaiting"/> or CommandRejected.
/// </summary>
public record CallNextTicket
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    public required IReadOnlyList<string> Queues { get; init; }
}
