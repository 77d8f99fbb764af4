namespace Queueing.Contracts.Counters;

/// <summary>Query a counter's state. Responds <see cref="CounterState"/> or CommandRejected (404).</summary>
public record GetCounterState
{
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
}
