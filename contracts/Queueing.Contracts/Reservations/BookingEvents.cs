namespace Queueing.Contracts.Reservations;

/// <summary>
/// What every booking event carries so Notification can tell the resident without asking Reservation back:
/// the slot, the code and the contacts the resident chose (optional LINE user, optional e-mail, language).
/// Published at least once; consumers deduplicate by (code, milestone, channel).
/// </summary>
public abstract record BookingEvent
{
    public required string OfficeId { get; init; }
    public required string Code { get; init; }
    public required DateOnly Date { get; init; }
    public required string Time { get; init; }
    public required IReadOnlyList<string> Procedures { get; init; }
    public string? LineUserId { get; init; }
    public string? Email { get; init; }
    /// <summary>The resident's language for messages: ja (default), en, zh, ko.</summary>
    public string Language { get; init; } = "ja";
    /// <summary>Set when staff acted on the resident's behalf (phone or counter booking).</summary>
    public string? StaffId { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>Event: a booking was made.</summary>
public record BookingConfirmed : BookingEvent;

/// <summary>Event: a booking moved to another slot (Date/Time are the new slot).</summary>
public record BookingRescheduled : BookingEvent
{
    public required DateOnly PreviousDate { get; init; }
    public required string PreviousTime { get; init; }
}

/// <summary>Event: a booking was cancelled (Reason: resident, staff, no-show).</summary>
public record BookingCancelled : BookingEvent
{
    public required string Reason { get; init; }
}

/// <summary>Event: a booking checked in and became a ticket; its contacts now follow the ticket.</summary>
public record BookingCheckedIn : BookingEvent
{
    public required string TicketId { get; init; }
    public required string TicketNumber { get; init; }
    public required string TicketToken { get; init; }
}
