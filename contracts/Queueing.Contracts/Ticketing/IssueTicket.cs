namespace Queueing.Contracts.Ticketing;

/// <summary>Issue a numbered ticket for a procedure. Responds <see cref="TicketIssued"/> or CommandRejected.</summary>
public record IssueTicket
{
    /// <summary>Idempotency: the same id always yields the same ticket.</summary>
    public required Guid CommandId { get; init; }
    public required string OfficeId { get; init; }
    public required string Procedure { get; init; }
    /// <summary>kiosk, web, qr, staff.</summary>
    public required string Channel { get; init; }
}
