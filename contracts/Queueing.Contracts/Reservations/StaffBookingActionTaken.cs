namespace Queueing.Contracts.Reservations;

/// <summary>
/// Event: staff booked, moved or cancelled a booking on a resident's behalf (Action: book-visit, move-booking,
/// cancel-booking). Counter appends it to the office's audit log once per <see cref="CommandId"/>; Reservation
/// publishes it again with the same id when a command is redelivered.
/// </summary>
public record StaffBookingActionTaken
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required string StaffId { get; init; }
    public required string Action { get; init; }
    public required string Code { get; init; }
    /// <summary>The slot and procedures (never contact data), e.g. "2026-04-06 10:00 tennyu,juminhyo".</summary>
    public string? Detail { get; init; }
    public required DateTimeOffset At { get; init; }
}
