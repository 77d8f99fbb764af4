namespace Queueing.Contracts.Counters;

/// <summary>
/// A staff action at a counter: open, pause, close (the counter) or call-next, call, recall, start, complete,
/// no-show, return, transfer, park, unpark (a ticket). Counter checks the counter may act, records the audit
/// entry and forwards ticket actions to Ticketing. Responds <see cref="CounterState"/> (open/pause/close),
/// Ticketing.TicketActionApplied, Ticketing.NoTicketWaiting or CommandRejected.
/// </summary>
public record ApplyCounterAction
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    /// <summary>Empty for unpark from the supervisor's list.</summary>
    public required string Counter { get; init; }
    public required string StaffId { get; init; }
    public required string Action { get; init; }
    public string? Number { get; init; }
    public string? TargetQueue { get; init; }
}
