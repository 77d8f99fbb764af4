namespace Queueing.Contracts.Ticketing;

/// <summary>A ticket as the resident sees it. State: waiting, called, serving, parked, completed, no-show, cancelled.</summary>
public record TicketStatus
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Queue { get; init; }
    public required string Number { get; init; }
    public required string State { get; init; }
    /// <summary>1 = next to be called; 0 when not waiting.</summary>
    public required int Position { get; init; }
    /// <summary>The P50 estimate (kept for older readers).</summary>
    public required int EstimatedWaitMinutes { get; init; }
    public int WaitP50 { get; init; }
    public int WaitP90 { get; init; }
    public string? Counter { get; init; }
    public IReadOnlyList<string> Procedures { get; init; } = [];
    public string CurrentProcedure { get; init; } = "";
    public int PostponesLeft { get; init; }
    public required long Version { get; init; }
}
