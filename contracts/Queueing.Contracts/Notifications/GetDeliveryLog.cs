namespace Queueing.Contracts.Notifications;

/// <summary>
/// Supervisor: an office day's notification deliveries (optionally only one ticket number or booking code) and the
/// day's counts. Responds <see cref="DeliveryLog"/> or CommandRejected.
/// </summary>
public record GetDeliveryLog
{
    public required string OfficeId { get; init; }
    public required DateOnly Date { get; init; }
    /// <summary>A ticket number or booking code; null for every delivery of the day.</summary>
    public string? Subject { get; init; }
}

public record DeliveryLog
{
    public required string OfficeId { get; init; }
    public required DateOnly Date { get; init; }
    public required int Sent { get; init; }
    public required int Retried { get; init; }
    /// <summary>Satisfaction survey answers of the day: rating ("1".."5") → count.</summary>
    public required IReadOnlyDictionary<string, int> Survey { get; init; }
    public required int Failed { get; init; }
    public required IReadOnlyList<DeliveryLogEntry> Entries { get; init; }
}

/// <summary>One step of one delivery: queued, sent, retry (with reason and next attempt), failed (with reason), fallback.</summary>
public record DeliveryLogEntry
{
    public required DateTimeOffset At { get; init; }
    /// <summary>The ticket number or booking code the message is about (never a name).</summary>
    public required string Subject { get; init; }
    public required string Milestone { get; init; }
    public required string Channel { get; init; }
    public required string Status { get; init; }
    public required int Attempt { get; init; }
    public string? Reason { get; init; }
}
