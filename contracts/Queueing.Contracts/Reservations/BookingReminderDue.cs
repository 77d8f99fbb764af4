namespace Queueing.Contracts.Reservations;

/// <summary>Event: a booking's reminder is due (kind: day-before, hour-before). Published at least once; consumers deduplicate by (code, kind).</summary>
public record BookingReminderDue
{
    public required string OfficeId { get; init; }
    public required string Code { get; init; }
    public required string Kind { get; init; }
    public required DateOnly Date { get; init; }
    public required string Time { get; init; }
    public string? LineUserId { get; init; }
    public string? Email { get; init; }
    public string Language { get; init; } = "ja";
}
