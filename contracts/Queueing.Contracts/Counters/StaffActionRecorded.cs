namespace Queueing.Contracts.Counters;

/// <summary>Event: audit record of a staff action (who, what, which counter and ticket, when).</summary>
public record StaffActionRecorded
{
    public required string OfficeId { get; init; }
    public required string StaffId { get; init; }
    public required string Action { get; init; }
    public required string Counter { get; init; }
    public string? TicketId { get; init; }
    public required DateTimeOffset At { get; init; }
}
