namespace Queueing.Contracts.Counters;

/// <summary>A counter's state (open, paused, closed), who opened it, and the ticket at it.</summary>
public record CounterState
{
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    public required string State { get; init; }
    public required IReadOnlyList<string> Queues { get; init; }
    public string? StaffId { get; init; }
    public string? CurrentTicketId { get; init; }
    public string? CurrentNumber { get; init; }
}
