namespace Queueing.Contracts.Counters;

/// <summary>Query the newest staff actions of an office. Responds <see cref="AuditLog"/>.</summary>
public record GetAuditLog
{
    public required string OfficeId { get; init; }
    public required int Limit { get; init; }
}

public record AuditLog
{
    public required IReadOnlyList<AuditRecord> Entries { get; init; }
}

/// <summary>Who did what, at which counter, to which ticket, when.</summary>
public record AuditRecord
{
    public required DateTimeOffset At { get; init; }
    public required string StaffId { get; init; }
    public required string Action { get; init; }
    public required string Counter { get; init; }
    public string? TicketId { get; init; }
    public string? Number { get; init; }
    public string? Detail { get; init; }
}
