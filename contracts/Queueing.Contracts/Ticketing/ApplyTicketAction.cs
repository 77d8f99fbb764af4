namespace Queueing.Contracts.Ticketing;

/// <summary>
/// One operation on the queues, applied atomically and idempotently by Ticketing. Staff actions name the
/// <see cref="Counter"/>; resident actions name the <see cref="Token"/>. Responds <see cref="TicketActionApplied"/>,
/// <see cref="NoTicketWaiting"/> (call-next with nobody waiting) or CommandRejected (400/404/409).
/// </summary>
public record ApplyTicketAction
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    /// <summary>call-next, call, recall, start, complete, no-show, return, transfer, park, unpark, cancel, postpone.</summary>
    public required string Action { get; init; }
    public string? Counter { get; init; }
    /// <summary>The queues the counter serves (call-next, call).</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];
    /// <summary>Display number of the ticket (call, unpark).</summary>
    public string? Number { get; init; }
    /// <summary>Resident token (cancel, postpone).</summary>
    public string? Token { get; init; }
    /// <summary>Who asked (staff id), for the ticket's history; null for residents.</summary>
    public string? StaffId { get; init; }
    /// <summary>Target queue (transfer).</summary>
    public string? TargetQueue { get; init; }
}
