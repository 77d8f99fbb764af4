namespace Queueing.Contracts.Ticketing;

/// <summary>A ticket as staff see it (never a name: residents are numbers).</summary>
public record TicketView
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Number { get; init; }
    /// <summary>waiting, called, serving, parked, completed, no-show, cancelled.</summary>
    public required string State { get; init; }
    public required string Queue { get; init; }
    public required IReadOnlyList<string> Procedures { get; init; }
    public required string CurrentProcedure { get; init; }
    /// <summary>walkin, assistance, booking.</summary>
    public required string Priority { get; init; }
    public required string Channel { get; init; }
    public string? Counter { get; init; }
    public required int Recalls { get; init; }
    public required int Postpones { get; init; }
    public required DateTimeOffset ArrivedAt { get; init; }
    public DateTimeOffset? CalledAt { get; init; }
}
