namespace Queueing.Contracts.Counters;

/// <summary>Query every counter of an office. Responds <see cref="CounterList"/> or CommandRejected.</summary>
public record GetCounters
{
    public required string OfficeId { get; init; }
}

public record CounterList
{
    public required IReadOnlyList<CounterState> Counters { get; init; }
}
