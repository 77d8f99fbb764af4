using Queueing.Reservation.Forecast;
using Queueing.Reservation.Slots;
using Queueing.ServiceDefaults.Offices;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Bookings;

public sealed class CrowdForecastRules
{
    private static readonly Office Demo = OfficeCatalog.Load(TestFiles.Offices).Find("demo")!;

    [Fact]
    public void Without_two_observed_days_the_configured_profile_is_used()
    {
        WalkInForecast.PerHour([], 5.5).ShouldBe(5.5);
        WalkInForecast.PerHour([30], 5.5).ShouldBe(5.5);
    }

    [Fact]
    public void From_two_observed_days_their_mean_is_used_and_a_day_without_walk_ins_in_that_hour_counts_as_zero()
    {
        WalkInForecast.PerHour([20, 10], 5.5).ShouldBe(15);
        WalkInForecast.PerHour([0, 0, 3], 5.5).ShouldBe(1);
    }

    [Fact]
    public void Only_the_newest_eight_days_count()
    {
        int[] newestFirst = [8, 8, 8, 8, 8, 8, 8, 8, 100, 100];
        WalkInForecast.PerHour(newestFirst, 5.5).ShouldBe(8);
    }

    [Fact]
    public void The_configured_profile_is_the_days_walk_ins_times_the_hours_share_times_the_queues_share_of_procedures()
    {
        var queueA = Demo.Procedures.Count(p => p.Queue == "A") / (double)Demo.Procedures.Count;
        WalkInForecast.Configured(Demo, "A", 10).ShouldBe(Demo.Booking.ExpectedWalkInsPerDay * 0.16 * queueA, 1e-9);
        WalkInForecast.Configured(Demo, "A", 18).ShouldBe(0);
    }

    [Fact]
    public void The_crowd_level_grows_with_booked_minutes_and_expected_walk_ins()
    {
        SlotCalendar.CrowdLevel(Demo, "A", 0, 0).ShouldBe(1);
        var levels = new[] { 0, 4, 8, 12, 16, 40 }.Select(perHour => SlotCalendar.CrowdLevel(Demo, "A", 0, perHour)).ToList();
        levels.ShouldBe(levels.Order().ToList());
        levels[^1].ShouldBe(5);

        // Load = (booked + walk-ins in the slot × minutes per ticket) ÷ (counters × slot minutes): the bands are 0.3, 0.5, 0.7, 0.9.
        var counterMinutes = Demo.CountersServing("A").Count() * Demo.Booking.SlotMinutes;
        SlotCalendar.CrowdLevel(Demo, "A", (int)(counterMinutes * 0.29), 0).ShouldBe(1);
        SlotCalendar.CrowdLevel(Demo, "A", (int)(counterMinutes * 0.45), 0).ShouldBe(2);
        SlotCalendar.CrowdLevel(Demo, "A", (int)(counterMinutes * 0.65), 0).ShouldBe(3);
        SlotCalendar.CrowdLevel(Demo, "A", (int)(counterMinutes * 0.85), 0).ShouldBe(4);
        SlotCalendar.CrowdLevel(Demo, "A", counterMinutes, 0).ShouldBe(5);
    }
}
