namespace Queueing.Contracts.Reservations;

/// <summary>Query the booking calendar basics of an office. Responds <see cref="ReservationInfo"/> or CommandRejected.</summary>
public record GetReservationInfo
{
    public required string OfficeId { get; init; }
}
