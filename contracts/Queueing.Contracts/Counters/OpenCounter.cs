namespace Queueing.Contracts.Counters;

/// <summary>Open a counter so it can call tickets. Responds <see cref="CounterState"/> or CommandRejected.</summary>
public record OpenCounter
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    /// <summary>Who did it (staff id; "console" until staff sign-in exists).</summary>
    public required string StaffId { get; init; }
}
