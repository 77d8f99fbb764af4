using System.Text.Json;
using System.Text.RegularExpressions;

namespace Queueing.ServiceDefaults.Offices;

/// <summary>The offices of this deployment, loaded once at start from the declarative file and validated.</summary>
public sealed partial class OfficeCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private readonly Dictionary<string, Office> _offices;

    public OfficeCatalog(IEnumerable<Office> offices) => _offices = offices.ToDictionary(o => o.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<Office> All => _offices.Values;

    public Office? Find(string officeId) => _offices.GetValueOrDefault(officeId);

    /// <summary>The office's calendar date at <paramref name="now"/> (UTC's for an office that does not exist).</summary>
    public DateOnly LocalDate(string officeId, DateTimeOffset now) => Find(officeId)?.LocalDate(now) ?? DateOnly.FromDateTime(now.UtcDateTime);

    public static OfficeCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new OfficeConfigurationException("Offices:File", $"the office configuration file '{path}' does not exist");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static OfficeCatalog Parse(string json, string source = "offices.json")
    {
        OfficeFile? file;
        try
        {
            file = JsonSerializer.Deserialize<OfficeFile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new OfficeConfigurationException(ex.Path ?? "$", $"{source} is not valid JSON: {ex.Message}");
        }

        if (file?.Offices is not { Count: > 0 } offices)
        {
            throw new OfficeConfigurationException("offices", "at least one office is required");
        }

        var result = new List<Office>();
        for (var i = 0; i < offices.Count; i++)
        {
            result.Add(Validate(offices[i], $"offices[{i}]"));
        }

        var duplicate = result.GroupBy(o => o.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new OfficeConfigurationException("offices[].id", $"office id '{duplicate.Key}' appears more than once");
        }

        return new OfficeCatalog(result);
    }

    private static Office Validate(OfficeDto dto, string at)
    {
        var id = Require(dto.Id, $"{at}.id");
        if (!IdPattern().IsMatch(id))
        {
            throw new OfficeConfigurationException($"{at}.id", $"'{id}' must be 1-32 lowercase letters, digits or '-'");
        }

        var name = Text(dto.Name, $"{at}.name");
        var zone = dto.TimeZone ?? "Asia/Tokyo";
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new OfficeConfigurationException($"{at}.timeZone", $"unknown time zone '{zone}'");
        }

        var queues = List(dto.Queues, $"{at}.queues").Select((q, i) =>
        {
            var qid = Require(q.Id, $"{at}.queues[{i}].id");
            if (!QueueIdPattern().IsMatch(qid))
            {
                throw new OfficeConfigurationException($"{at}.queues[{i}].id", $"'{qid}' must be one to three capital letters (the ticket prefix)");
            }

            return new OfficeQueue(qid, Text(q.Name, $"{at}.queues[{i}].name"));
        }).ToList();
        Unique(queues.Select(q => q.Id), $"{at}.queues[].id");
        var queueIds = queues.Select(q => q.Id).ToHashSet();

        var procedures = List(dto.Procedures, $"{at}.procedures").Select((p, i) =>
        {
            var path = $"{at}.procedures[{i}]";
            var queue = Require(p.Queue, $"{path}.queue");
            if (!queueIds.Contains(queue))
            {
                throw new OfficeConfigurationException($"{path}.queue", $"unknown queue '{queue}'");
            }

            if (p.Minutes is not (>= 1 and <= 240))
            {
                throw new OfficeConfigurationException($"{path}.minutes", "expected minutes must be between 1 and 240");
            }

            var bring = (p.Bring ?? []).Select((b, j) => Text(b, $"{path}.bring[{j}]")).ToList();
            return new Procedure(Require(p.Code, $"{path}.code"), Text(p.Name, $"{path}.name"), p.Minutes.Value, queue, bring);
        }).ToList();
        Unique(procedures.Select(p => p.Code), $"{at}.procedures[].code");

        var counters = List(dto.Counters, $"{at}.counters").Select((c, i) =>
        {
            var path = $"{at}.counters[{i}]";
            var serves = List(c.Queues, $"{path}.queues");
            foreach (var q in serves.Where(q => !queueIds.Contains(q)))
            {
                throw new OfficeConfigurationException($"{path}.queues", $"unknown queue '{q}'");
            }

            return new Counter(Require(c.Number, $"{path}.number"), Text(c.Name, $"{path}.name"), serves);
        }).ToList();
        Unique(counters.Select(c => c.Number), $"{at}.counters[].number");

        foreach (var queue in queues.Where(q => !counters.Any(c => c.Queues.Contains(q.Id))))
        {
            throw new OfficeConfigurationException($"{at}.counters", $"no counter serves queue '{queue.Id}'");
        }

        var hours = List(dto.OpeningHours, $"{at}.openingHours").Select((h, i) =>
        {
            var path = $"{at}.openingHours[{i}]";
            var days = List(h.Days, $"{path}.days");
            foreach (var d in days.Where(d => !DayNames.Contains(d)))
            {
                throw new OfficeConfigurationException($"{path}.days", $"'{d}' is not one of {string.Join(", ", DayNames)}");
            }

            var open = Time(h.Open, $"{path}.open");
            var close = Time(h.Close, $"{path}.close");
            if (close <= open)
            {
                throw new OfficeConfigurationException($"{path}.close", "closing time must be after opening time");
            }

            return new OpeningHours(days, h.Open!, h.Close!);
        }).ToList();

        return new Office(id, name, zone, hours, queues, procedures, counters, Policy(dto.Calling, $"{at}.calling"), Booking(dto.Booking, $"{at}.booking"));
    }

    private static CallingPolicy Policy(CallingDto? dto, string path)
    {
        var d = CallingPolicy.Default;
        if (dto is null)
        {
            return d;
        }

        var headStarts = new Dictionary<string, int>(d.HeadStartMinutes);
        foreach (var (priority, minutes) in dto.HeadStartMinutes ?? [])
        {
            if (!CallingPolicy.Priorities.Contains(priority))
            {
                throw new OfficeConfigurationException($"{path}.headStartMinutes", $"'{priority}' is not one of {string.Join(", ", CallingPolicy.Priorities)}");
            }

            headStarts[priority] = minutes;
        }

        var policy = new CallingPolicy(
            headStarts,
            dto.MaxWaitMinutes ?? d.MaxWaitMinutes,
            dto.RecallsBeforeNoShow ?? d.RecallsBeforeNoShow,
            dto.PostponePlaces ?? d.PostponePlaces,
            dto.PostponeLimit ?? d.PostponeLimit,
            dto.TurnApproachingPlaces ?? d.TurnApproachingPlaces,
            dto.TurnApproachingMinutes ?? d.TurnApproachingMinutes,
            dto.WaitAlertMinutes ?? d.WaitAlertMinutes,
            dto.CarryOverUnserved ?? d.CarryOverUnserved);

        if (policy.MaxWaitMinutes is < 1 or > 600)
        {
            throw new OfficeConfigurationException($"{path}.maxWaitMinutes", "must be between 1 and 600");
        }

        foreach (var (priority, minutes) in policy.HeadStartMinutes)
        {
            if (minutes < 0 || minutes > policy.MaxWaitMinutes)
            {
                throw new OfficeConfigurationException($"{path}.headStartMinutes.{priority}", $"must be between 0 and maxWaitMinutes ({policy.MaxWaitMinutes})");
            }
        }

        Check(policy.RecallsBeforeNoShow, 0, 10, $"{path}.recallsBeforeNoShow");
        Check(policy.PostponePlaces, 1, 50, $"{path}.postponePlaces");
        Check(policy.PostponeLimit, 0, 10, $"{path}.postponeLimit");
        Check(policy.TurnApproachingPlaces, 0, 100, $"{path}.turnApproachingPlaces");
        Check(policy.TurnApproachingMinutes, 0, 240, $"{path}.turnApproachingMinutes");
        Check(policy.WaitAlertMinutes, 1, 600, $"{path}.waitAlertMinutes");
        return policy;
    }

    private static BookingPolicy Booking(BookingDto? dto, string path)
    {
        var d = BookingPolicy.Default;
        if (dto is null)
        {
            return d;
        }

        var holidays = new List<DateOnly>();
        foreach (var (text, i) in (dto.Holidays ?? []).Select((h, i) => (h, i)))
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day))
            {
                throw new OfficeConfigurationException($"{path}.holidays[{i}]", $"'{text}' is not a date like 2026-12-29");
            }

            holidays.Add(day);
        }

        var policy = new BookingPolicy(
            dto.SlotMinutes ?? d.SlotMinutes, dto.WalkInShare ?? d.WalkInShare, dto.CheckInEarlyMinutes ?? d.CheckInEarlyMinutes,
            dto.CheckInLateMinutes ?? d.CheckInLateMinutes, dto.DaysAhead ?? d.DaysAhead, dto.ExpectedWalkInsPerDay ?? d.ExpectedWalkInsPerDay, holidays,
            dto.RetentionDays ?? d.RetentionDays);
        if (policy.SlotMinutes is not (10 or 15 or 20 or 30 or 60))
        {
            throw new OfficeConfigurationException($"{path}.slotMinutes", "must be 10, 15, 20, 30 or 60");
        }

        if (policy.WalkInShare is < 0 or > 0.95)
        {
            throw new OfficeConfigurationException($"{path}.walkInShare", "must be between 0 and 0.95");
        }

        Check(policy.CheckInEarlyMinutes, 0, 240, $"{path}.checkInEarlyMinutes");
        Check(policy.CheckInLateMinutes, 0, 240, $"{path}.checkInLateMinutes");
        Check(policy.DaysAhead, 1, 365, $"{path}.daysAhead");
        Check(policy.ExpectedWalkInsPerDay, 0, 100_000, $"{path}.expectedWalkInsPerDay");
        Check(policy.RetentionDays, 0, 365, $"{path}.retentionDays");
        return policy;
    }

    private static void Check(int value, int min, int max, string path)
    {
        if (value < min || value > max)
        {
            throw new OfficeConfigurationException(path, $"must be between {min} and {max}");
        }
    }

    private static string Require(string? value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw new OfficeConfigurationException(path, "is required") : value;

    private static List<T> List<T>(List<T>? value, string path) =>
        value is { Count: > 0 } ? value : throw new OfficeConfigurationException(path, "needs at least one entry");

    private static LocalizedText Text(TextDto? dto, string path) =>
        new(Require(dto?.Ja, $"{path}.ja"), Require(dto?.En, $"{path}.en"));

    private static TimeOnly Time(string? value, string path) =>
        TimeOnly.TryParseExact(value, "HH:mm", out var t) ? t : throw new OfficeConfigurationException(path, $"'{value}' is not a time like 08:30");

    private static void Unique(IEnumerable<string> values, string path)
    {
        var duplicate = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new OfficeConfigurationException(path, $"'{duplicate.Key}' appears more than once");
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{1,3}$")]
    private static partial Regex QueueIdPattern();

    private sealed record OfficeFile(List<OfficeDto>? Offices);

    private sealed record TextDto(string? Ja, string? En);

    private sealed record OfficeDto(string? Id, TextDto? Name, string? TimeZone, List<HoursDto>? OpeningHours, List<QueueDto>? Queues, List<ProcedureDto>? Procedures, List<CounterDto>? Counters, CallingDto? Calling, BookingDto? Booking);

    private sealed record BookingDto(
        int? SlotMinutes, double? WalkInShare, int? CheckInEarlyMinutes, int? CheckInLateMinutes, int? DaysAhead, int? ExpectedWalkInsPerDay, List<string>? Holidays, int? RetentionDays);

    private sealed record CallingDto(
        Dictionary<string, int>? HeadStartMinutes, int? MaxWaitMinutes, int? RecallsBeforeNoShow, int? PostponePlaces, int? PostponeLimit,
        int? TurnApproachingPlaces, int? TurnApproachingMinutes, int? WaitAlertMinutes, bool? CarryOverUnserved);

    private sealed record HoursDto(List<string>? Days, string? Open, string? Close);

    private sealed record QueueDto(string? Id, TextDto? Name);

    private sealed record ProcedureDto(string? Code, TextDto? Name, int? Minutes, string? Queue, List<TextDto>? Bring);

    private sealed record CounterDto(string? Number, TextDto? Name, List<string>? Queues);
}

/// <summary>The office configuration is invalid; <see cref="Field"/> names where.</summary>
public sealed class OfficeConfigurationException(string field, string problem)
    : Exception($"Office configuration error at '{field}': {problem}")
{
    public string Field { get; } = field;
}
