namespace Queueing.Contracts.Ticketing;

/// <summary>
/// Event published after every change to an office's queues: the whole snapshot, so a consumer never has
/// to merge. <see cref="Version"/> only grows per office; consumers drop anything older than what they hold.
/// </summary>
public record QueueStatusChanged
{
    public required string OfficeId { get; init; }
    public required long Version { get; init; }
    /// <summary>Tickets at a counter (called or being served).</summary>
    public required IReadOnlyList<CounterServing> NowServing { get; init; }
    public required IReadOnlyList<QueueWaiting> Waiting { get; init; }
    /// <summary>Latest calls and recalls, newest first (lobby display).</summary>
    public IReadOnlyList<RecentCall> RecentCalls { get; init; } = [];
    /// <summary>Every configured counter with its state (open, paused, closed).</summary>
    public IReadOnlyList<CounterStatus> Counters { get; init; } = [];
    /// <summary>Supervisor alert threshold for a queue's wait, minutes.</summary>
    public int AlertMinutes { get; init; }
    /// <summary>Tickets the change that produced this snapshot acted on (their pages refresh everything, not only the position).</summary>
    public IReadOnlyList<string> Changed { get; init; } = [];
}

/// <summary>The ticket at a counter.</summary>
public record CounterServing
{
    public required string Counter { get; init; }
    public required string Number { get; init; }
    public required string TicketId { get; init; }
    public required DateTimeOffset CalledAt { get; init; }
    public string State { get; init; } = "called";
    public int Recalls { get; init; }
}

public record RecentCall
{
    public required string Counter { get; init; }
    public required string Number { get; init; }
    public required DateTimeOffset CalledAt { get; init; }
    public required int Recalls { get; init; }
}

public record CounterStatus
{
    public required string Counter { get; init; }
    public required string State { get; init; }
}

/// <summary>One queue's waiting tickets in calling order. TicketIds stay inside the system: screens get counts.</summary>
public record QueueWaiting
{
    public required string Queue { get; init; }
    public required int Count { get; init; }
    /// <summary>P50 wait for a resident taking a ticket now (kept for older readers).</summary>
    public required int EstimatedWaitMinutes { get; init; }
    public int WaitP50 { get; init; }
    public int WaitP90 { get; init; }
    public int LongestWaitMinutes { get; init; }
    public required IReadOnlyList<string> TicketIds { get; init; }
    /// <summary>P50 wait of the ticket at each position (same order as TicketIds).</summary>
    public required IReadOnlyList<int> EstimatedWaitByPosition { get; init; }
    /// <summary>P90 wait of the ticket at each position (same order as TicketIds).</summary>
    public IReadOnlyList<int> WaitP90ByPosition { get; init; } = [];
    public required int MinutesPerTicket { get; init; }
    public required int CountersServing { get; init; }
}
