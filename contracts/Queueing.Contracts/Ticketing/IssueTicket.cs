namespace Queueing.Contracts.Ticketing;

/// <summary>Issue a numbered ticket for one or more procedures. Responds <see cref="TicketIssued"/> or CommandRejected.</summary>
public record IssueTicket
{
    /// <summary>Idempotency: the same id always yields the same ticket.</summary>
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    /// <summary>First procedure (kept for single-procedure callers).</summary>
    public required string Procedure { get; init; }
    /// <summary>All procedures of a one-stop visit, in order; empty means just <see cref="Procedure"/>.</summary>
    public IReadOnlyList<string> Procedures { get; init; } = [];
    /// <summary>kiosk, web, qr, staff, booking.</summary>
    public required string Channel { get; init; }
    /// <summary>walkin, assistance (resident needs help), booking (checked-in reservation).</summary>
    public string Priority { get; init; } = "walkin";
}
