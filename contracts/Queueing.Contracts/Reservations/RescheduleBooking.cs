namespace Queueing.Contracts.Reservations;

/// <summary>Move a booking to another slot: the old slot is released only if the new one is taken. Responds BookingView or CommandRejected.</summary>
public record RescheduleBooking
{
    public required string Code { get; init; }
    public required DateOnly Date { get; init; }
    public required string Time { get; init; }
    /// <summary>Staff who moved the booking on the resident's behalf; null when the resident did.</summary>
    public string? StaffId { get; init; }
}
