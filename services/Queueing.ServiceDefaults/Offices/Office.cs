namespace Queueing.ServiceDefaults.Offices;

/// <summary>Text in Japanese first, English second.</summary>
public sealed record LocalizedText(string Ja, string En);

public sealed record OfficeQueue(string Id, LocalizedText Name);

public sealed record Procedure(string Code, LocalizedText Name, int Minutes, string Queue, IReadOnlyList<LocalizedText> Bring);

public sealed record Counter(string Number, LocalizedText Name, IReadOnlyList<string> Queues);

public sealed record OpeningHours(IReadOnlyList<string> Days, string Open, string Close);

/// <summary>One office (a city-hall division) as configured in deploy/offices.json.</summary>
public sealed record Office(
    string Id,
    LocalizedText Name,
    string TimeZone,
    IReadOnlyList<OpeningHours> OpeningHours,
    IReadOnlyList<OfficeQueue> Queues,
    IReadOnlyList<Procedure> Procedures,
    IReadOnlyList<Counter> Counters)
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
