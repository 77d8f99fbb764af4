namespace Queueing.Contracts.Counters;

/// <summary>Event: a counter opened, paused or closed (Ticketing counts open counters per queue for estimates and screens).</summary>
public record CounterStateChanged
{
    public required string OfficeId { get; init; }
    public required string Counter { get; init; }
    public required string State { get; init; }
    public required IReadOnlyList<string> Queues { get; init; }
    public required string StaffId { get; init; }
    public required DateTimeOffset At { get; init; }
}
