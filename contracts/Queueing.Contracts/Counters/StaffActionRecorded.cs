namespace Queueing.Contracts.Counters;

/// <summary>Event: audit record of a staff action (who, what, which counter and ticket, when).</summary>
public record StaffActionRecorded
{
    public required string OfficeId { get; init; }
    public required AuditRecord Record { get; init; }
}
