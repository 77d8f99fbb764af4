namespace Queueing.Contracts.Ticketing;

/// <summary>Query the tickets of an office: waiting (calling order), parked (oldest first) or at-counters. Responds <see cref="TicketList"/>.</summary>
public record ListTickets
{
    public required string OfficeId { get; init; }
    public required string State { get; init; }
}

public record TicketList
{
    public required IReadOnlyList<TicketView> Tickets { get; init; }
}
