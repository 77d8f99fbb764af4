namespace Queueing.Contracts.Ticketing;

/// <summary>
/// Event published after every change to an office's queues: the whole snapshot, so a consumer never has
/// to merge. <see cref="Version"/> only grows per office; consumers drop anything older than what they hold.
/// </summary>
public record QueueStatusChanged
{
    public required string OfficeId { get; init; }
    public required long Version { get; init; }
    public required IReadOnlyList<CounterServing> NowServing { get; init; }
    public required IReadOnlyList<QueueWaiting> Waiting { get; init; }
    /// <summary>Tickets that left the queues in the change that produced this snapshot (completed), for their status pages.</summary>
    public IReadOnlyList<TicketLeft> Left { get; init; } = [];
}

/// <summary>The ticket most recently called at a counter.</summary>
public record CounterServing
{
    public required string Counter { get; init; }
    public required string Number { get; init; }
    public required string TicketId { get; init; }
    public required DateTimeOffset CalledAt { get; init; }
}

/// <summary>One queue's waiting tickets, oldest first. TicketIds stay inside the system: screens get counts.</summary>
public record QueueWaiting
{
    public required string Queue { get; init; }
    public required int Count { get; init; }
    public required int EstimatedWaitMinutes { get; init; }
    public required IReadOnlyList<string> TicketIds { get; init; }
    /// <summary>Estimated wait in minutes of the ticket at each position (same order as TicketIds).</summary>
    public required IReadOnlyList<int> EstimatedWaitByPosition { get; init; }
    public required int MinutesPerTicket { get; init; }
    public required int CountersServing { get; init; }
}

/// <summary>A ticket that is no longer waiting or called.</summary>
public record TicketLeft
{
    public required string TicketId { get; init; }
    public required string Number { get; init; }
    public required string State { get; init; }
}
