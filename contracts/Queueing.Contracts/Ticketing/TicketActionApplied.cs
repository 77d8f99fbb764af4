namespace Queueing.Contracts.Ticketing;

/// <summary>Response to <see cref="ApplyTicketAction"/>: the ticket after the action and, for a one-stop visit, where it moved next.</summary>
public record TicketActionApplied
{
    public required string Action { get; init; }
    public required TicketView Ticket { get; init; }
    /// <summary>Set when completing a procedure moved the visit on to its next procedure's queue.</summary>
    public string? NextQueue { get; init; }
    public required long Version { get; init; }
}
