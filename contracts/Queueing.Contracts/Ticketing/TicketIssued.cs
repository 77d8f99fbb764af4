namespace Queueing.Contracts.Ticketing;

/// <summary>Event (and response to <see cref="IssueTicket"/>): a ticket joined a queue.</summary>
public record TicketIssued
{
    public required string TicketId { get; init; }
    public required string OfficeId { get; init; }
    public required string Queue { get; init; }
    /// <summary>Display number, for example A-001. Never a name.</summary>
    public required string Number { get; init; }
    public required string Procedure { get; init; }
    public required string Channel { get; init; }
    /// <summary>Unguessable token for the resident's status link.</summary>
    public required string Token { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required long Version { get; init; }
}
