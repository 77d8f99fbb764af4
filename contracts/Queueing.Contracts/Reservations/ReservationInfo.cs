namespace Queueing.Contracts.Reservations;

/// <summary>Today's opening hours in office time and the procedures that can be booked.</summary>
public record ReservationInfo
{
    public required string OfficeId { get; init; }
    public required DateOnly Today { get; init; }
    public required bool OpenToday { get; init; }
    public string? Opens { get; init; }
    public string? Closes { get; init; }
    public required IReadOnlyList<string> BookableProcedures { get; init; }
}
