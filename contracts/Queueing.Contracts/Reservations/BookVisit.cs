namespace Queueing.Contracts.Reservations;

/// <summary>Book a visit slot. Responds <see cref="BookingView"/> or CommandRejected (409 when the slot is full). The same CommandId books once.</summary>
public record BookVisit
{
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required IReadOnlyList<string> Procedures { get; init; }
    public required DateOnly Date { get; init; }
    public required string Time { get; init; }
    public string? LineUserId { get; init; }
    public string? Email { get; init; }
    /// <summary>Language for messages to the resident: ja (default), en, zh, ko.</summary>
    public string Language { get; init; } = "ja";
    /// <summary>Staff who booked on the resident's behalf (phone or counter); null when the resident booked.</summary>
    public string? StaffId { get; init; }
}

/// <summary>A booking as its holder sees it (by its code). State: confirmed, cancelled, checked-in, no-show.</summary>
public record BookingView
{
    public required string Code { get; init; }
    public required string OfficeId { get; init; }
    public required DateOnly Date { get; init; }
    public required string Time { get; init; }
    public required IReadOnlyList<string> Procedures { get; init; }
    public required string State { get; init; }
    /// <summary>The ticket issued at check-in (token for the phone page).</summary>
    public string? TicketNumber { get; init; }
    public string? TicketToken { get; init; }
    public string? TicketPriority { get; init; }
}
