namespace Queueing.Contracts.Reservations;

/// <summary>Read a booking by its code. Responds <see cref="BookingView"/> or CommandRejected (404).</summary>
public record GetBooking
{
    public required string Code { get; init; }
}

/// <summary>Cancel a booking (releases its capacity). Responds <see cref="BookingView"/> or CommandRejected (404/409).</summary>
public record CancelBooking
{
    public required string Code { get; init; }
    /// <summary>Staff who cancelled on the resident's behalf; null when the resident cancelled.</summary>
    public string? StaffId { get; init; }
}

/// <summary>
/// Check in on arrival: inside the window around the slot a booking becomes a priority ticket; a late arrival
/// gets a normal one; too early is 409. Checking in again returns the same ticket.
/// </summary>
public record CheckInBooking
{
    public required string Code { get; init; }
}

/// <summary>Staff: the bookings of an office day, by time. Responds <see cref="BookingList"/> or CommandRejected.</summary>
public record ListBookings
{
    public required string OfficeId { get; init; }
    public required DateOnly Date { get; init; }
}

public record BookingList
{
    public required IReadOnlyList<BookingView> Bookings { get; init; }
}
