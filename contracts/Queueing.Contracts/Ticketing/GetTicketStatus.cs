namespace Queueing.Contracts.Ticketing;

/// <summary>Query a ticket by its resident token. Responds <see cref="TicketStatus"/> or CommandRejected (404).</summary>
public record GetTicketStatus
{
    public required string Token { get; init; }
}
