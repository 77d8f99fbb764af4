using Queueing.Reservation.Slots;
using Queueing.ServiceDefaults.Offices;

namespace Queueing.Reservation.Forecast;

/// <summary>
/// How many walk-ins to expect in a queue in one hour of one weekday. With at least <see cref="MinDays"/> observed
/// earlier days of the same weekday (the newest <see cref="MaxDays"/>), the mean of their counts for that queue and
/// hour (a day with none in that hour counts as 0); otherwise the configured profile: the office's expected
/// walk-ins per day × the hour's share of the day (<see cref="SlotCalendar.HourlyWalkInShare"/>) × the queue's share
/// of the procedures.
/// </summary>
public static class WalkInForecast
{
    public const int MinDays = 2;
    public const int MaxDays = 8;

    /// <param name="observed">Walk-ins counted in this queue and hour on each observed same-weekday day, newest first.</param>
    public static double PerHour(IReadOnlyList<int> observed, double configured) =>
        observed.Count >= MinDays ? observed.Take(MaxDays).Average() : configured;

    public static double Configured(Office office, string queue, int hour)
    {
        var queueShare = office.Procedures.Count(p => p.Queue == queue) / (double)Math.Max(1, office.Procedures.Count);
        return office.Booking.ExpectedWalkInsPerDay * SlotCalendar.HourlyWalkInShare.GetValueOrDefault(hour) * queueShare;
    }
}
