using System.Globalization;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Reservation.Slots;

/// <summary>
/// Where bookable slots come from: the office's opening hours on open days (weekends and listed holidays are
/// closed), cut into slots of the configured length. A slot's bookable capacity per queue is counter-minutes:
/// the counters serving the queue × the slot length × (1 − the share kept for walk-ins).
/// </summary>
public static class SlotCalendar
{
    /// <summary>Share of the day's walk-ins arriving in each hour (city-hall profile, PRODUCT.md).</summary>
    public static readonly IReadOnlyDictionary<int, double> HourlyWalkInShare = new Dictionary<int, double>
    {
        [8] = 0.07, [9] = 0.13, [10] = 0.16, [11] = 0.13, [12] = 0.09, [13] = 0.12, [14] = 0.12, [15] = 0.10, [16] = 0.08,
    };

    public static bool IsOpen(Office office, DateOnly date) =>
        !office.Booking.Holidays.Contains(date) && Hours(office, date) is not null;

    public static IReadOnlyList<TimeOnly> Slots(Office office, DateOnly date)
    {
        if (!IsOpen(office, date) || Hours(office, date) is not { } hours)
        {
            return [];
        }

        var open = TimeOnly.ParseExact(hours.Open, "HH:mm", CultureInfo.InvariantCulture);
        var close = TimeOnly.ParseExact(hours.Close, "HH:mm", CultureInfo.InvariantCulture);
        var slots = new List<TimeOnly>();
        for (var t = open; t.AddMinutes(office.Booking.SlotMinutes) <= close && t.AddMinutes(office.Booking.SlotMinutes) > t; t = t.AddMinutes(office.Booking.SlotMinutes))
        {
            slots.Add(t);
        }

        return slots;
    }

    /// <summary>Bookable counter-minutes of a queue in one slot.</summary>
    public static int CapacityMinutes(Office office, string queue) =>
        (int)Math.Floor(office.CountersServing(queue).Count() * office.Booking.SlotMinutes * (1 - office.Booking.WalkInShare));

    /// <summary>Counter-minutes a visit needs in each queue (the sum of its procedures' expected minutes there).</summary>
    public static IReadOnlyDictionary<string, int> Need(IEnumerable<Procedure> procedures) =>
        procedures.GroupBy(p => p.Queue).ToDictionary(g => g.Key, g => g.Sum(p => p.Minutes));

    /// <summary>
    /// Forecast crowd level 1–5 of a slot for a queue: the booked minutes plus the walk-ins expected in the slot (the
    /// expected walk-ins per hour, <see cref="Forecast.WalkInForecast"/>, × the slot's share of the hour × the queue's
    /// minutes per ticket), against all the counter-minutes of the slot: load below 0.3 is 1, 0.5 is 2, 0.7 is 3,
    /// 0.9 is 4, else 5.
    /// </summary>
    public static int CrowdLevel(Office office, string queue, int bookedMinutes, double walkInsPerHour)
    {
        var counters = Math.Max(1, office.CountersServing(queue).Count());
        var walkIns = walkInsPerHour * office.Booking.SlotMinutes / 60.0;
        var load = (bookedMinutes + (walkIns * office.MinutesPerTicket(queue))) / (counters * office.Booking.SlotMinutes);
        return load switch
        {
            < 0.3 => 1,
            < 0.5 => 2,
            < 0.7 => 3,
            < 0.9 => 4,
            _ => 5,
        };
    }

    private static OpeningHours? Hours(Office office, DateOnly date) =>
        office.OpeningHours.FirstOrDefault(h => h.Days.Contains(date.DayOfWeek.ToString()[..3]));
}
