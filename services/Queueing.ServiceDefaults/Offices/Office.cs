namespace Queueing.ServiceDefaults.Offices;

/// <summary>Text in Japanese first, English second.</summary>
public sealed record LocalizedText(string Ja, string En);

public sealed record OfficeQueue(string Id, LocalizedText Name);

public sealed record Procedure(string Code, LocalizedText Name, int Minutes, string Queue, IReadOnlyList<LocalizedText> Bring);

public sealed record Counter(string Number, LocalizedText Name, IReadOnlyList<string> Queues);

public sealed record OpeningHours(IReadOnlyList<string> Days, string Open, string Close);

/// <summary>
/// How an office calls tickets. Priority classes get a head start in minutes (a booking checked in on time is
/// treated as if it had arrived 20 minutes earlier); within the same effective arrival, oldest first. No head
/// start exceeds <see cref="MaxWaitMinutes"/>, and a ticket that has waited longer than it is called before
/// anyone else, so nobody starves.
/// </summary>
public sealed record CallingPolicy(
    IReadOnlyDictionary<string, int> HeadStartMinutes,
    int MaxWaitMinutes,
    int RecallsBeforeNoShow,
    int PostponePlaces,
    int PostponeLimit,
    int TurnApproachingPlaces,
    int TurnApproachingMinutes,
    int WaitAlertMinutes,
    bool CarryOverUnserved)
{
    public static readonly IReadOnlyList<string> Priorities = ["walkin", "assistance", "booking"];

    public static CallingPolicy Default { get; } = new(
        new Dictionary<string, int> { ["walkin"] = 0, ["assistance"] = 30, ["booking"] = 20 },
        MaxWaitMinutes: 45, RecallsBeforeNoShow: 2, PostponePlaces: 3, PostponeLimit: 2,
        TurnApproachingPlaces: 3, TurnApproachingMinutes: 10, WaitAlertMinutes: 30, CarryOverUnserved: false);

    public int HeadStart(string priority) => HeadStartMinutes.GetValueOrDefault(priority);
}

/// <summary>
/// How an office takes bookings: slots of <see cref="SlotMinutes"/> within opening hours on open days (not the
/// listed holidays), with <see cref="WalkInShare"/> of every slot's counter time kept for walk-ins.
/// </summary>
public sealed record BookingPolicy(
    int SlotMinutes,
    double WalkInShare,
    int CheckInEarlyMinutes,
    int CheckInLateMinutes,
    int DaysAhead,
    int ExpectedWalkInsPerDay,
    IReadOnlyList<DateOnly> Holidays,
    int RetentionDays = 7)
{
    public static BookingPolicy Default { get; } = new(30, 0.4, 30, 15, 30, 500, []);
}

/// <summary>One office (a city-hall division) as configured in deploy/offices.json.</summary>
public sealed record Office(
    string Id,
    LocalizedText Name,
    string TimeZone,
    IReadOnlyList<OpeningHours> OpeningHours,
    IReadOnlyList<OfficeQueue> Queues,
    IReadOnlyList<Procedure> Procedures,
    IReadOnlyList<Counter> Counters,
    CallingPolicy Calling,
    BookingPolicy Booking)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public Procedure? FindProcedure(string code) => Procedures.FirstOrDefault(p => p.Code == code);

    public Counter? FindCounter(string number) => Counters.FirstOrDefault(c => c.Number == number);

    /// <summary>The office's calendar date at <paramref name="now"/> (numbering resets on it).</summary>
    public DateOnly LocalDate(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);

    /// <summary>Mean expected minutes of the procedures of a queue.</summary>
    public double MinutesPerTicket(string queue)
    {
        var minutes = Procedures.Where(p => p.Queue == queue).Select(p => p.Minutes).ToList();
        return minutes.Count == 0 ? 10 : minutes.Average();
    }

    /// <summary>Configured counters that may serve a queue.</summary>
    public IEnumerable<Counter> CountersServing(string queue) => Counters.Where(c => c.Queues.Contains(queue));
}
