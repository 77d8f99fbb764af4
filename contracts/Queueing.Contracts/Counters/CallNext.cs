namespace Queueing.Contracts.Counters;

/// <summary>
/// Staff at a counter call the next resident. Responds Ticketing.TicketCalled, Ticketing.NoTicketWaiting
/// or CommandRejected (409 when the counter is not open).
/// </summary>
public record CallNext
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    public required string StaffId { get; init; }
}
