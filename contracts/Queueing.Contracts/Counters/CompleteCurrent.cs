namespace Queueing.Contracts.Counters;

/// <summary>Staff finished with the current resident. Responds Ticketing.TicketCompleted or CommandRejected.</summary>
public record CompleteCurrent
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    public required string StaffId { get; init; }
}
