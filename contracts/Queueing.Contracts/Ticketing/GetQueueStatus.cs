namespace Queueing.Contracts.Ticketing;

/// <summary>Query the live state of an office's queues. Responds <see cref="QueueStatusChanged"/> (the current snapshot).</summary>
public record GetQueueStatus
{
    public required string OfficeId { get; init; }
}
