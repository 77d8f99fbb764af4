namespace Queueing.Contracts.Counters;

/// <summary>A counter's state: open or closed, and the ticket it is serving.</summary>
public record CounterState
{
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    public required string State { get; init; }
    public required IReadOnlyList<string> Queues { get; init; }
    public string? CurrentTicketId { get; init; }
    public string? CurrentNumber { get; init; }
}
