namespace Queueing.Contracts.Reservations;

/// <summary>Query bookable slots for a visit (one or more procedures) over a date range. Responds <see cref="Availability"/> or CommandRejected.</summary>
public record GetAvailability
{
    public required string OfficeId { get; init; }
    public required IReadOnlyList<string> Procedures { get; init; }
    public required DateOnly From { get; init; }
    public required int Days { get; init; }
}

public record Availability
{
    public required string OfficeId { get; init; }
    public required IReadOnlyList<string> Procedures { get; init; }
    public required IReadOnlyList<SlotAvailability> Slots { get; init; }
    /// <summary>The quietest bookable slots of the range (lowest crowd level, then earliest), up to five.</summary>
    public required IReadOnlyList<SlotAvailability> Quietest { get; init; }
}

/// <summary>A slot: how many more such visits fit, and the forecast crowd level 1 (quiet) to 5 (very busy).</summary>
public record SlotAvailability
{
    public required DateOnly Date { get; init; }
    public required string Time { get; init; }
    public required int Remaining { get; init; }
    public required int CrowdLevel { get; init; }
}
