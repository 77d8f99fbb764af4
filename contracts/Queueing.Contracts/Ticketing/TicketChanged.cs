namespace Queueing.Contracts.Ticketing;

/// <summary>Event after every ticket operation (the visit's history: arrived, called, started, completed, with channel and times).</summary>
public record TicketChanged
{
    public required string Action { get; init; }
    public required TicketView Ticket { get; init; }
    public string? StaffId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required long Version { get; init; }
}
