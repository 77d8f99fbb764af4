namespace Queueing.Contracts.Counters;

/// <summary>Event: a counter opened (Ticketing counts open counters per queue for wait estimates).</summary>
public record CounterOpened
{
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    public required IReadOnlyList<string> Queues { get; init; }
    public required string StaffId { get; init; }
    public required DateTimeOffset At { get; init; }
}
