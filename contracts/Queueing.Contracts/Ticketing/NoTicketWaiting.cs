namespace Queueing.Contracts.Ticketing;

/// <summary>Response to <see cref="CallNextTicket"/> when nobody waits in the counter's queues.</summary>
public record NoTicketWaiting
{
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
}
