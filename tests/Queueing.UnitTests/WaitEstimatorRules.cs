using Queueing.Ticketing.Estimates;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests;

public sealed class WaitEstimatorRules
{
    private static readonly ServiceTimes Certificates = new(6, 3, 50);
    private static readonly ServiceTimes Registrations = new(15, 7.5, 50);

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Not_waiting_is_zero(int position) => WaitEstimator.ForPosition(position, Certificates, 2, 0.5).ShouldBe(new WaitRange(0, 0));

    [Fact]
    public void P90_is_never_below_P50()
    {
        foreach (var sd in new[] { 0.0, 1.0, 6.0, 20.0 })
        {
            foreach (var servers in new[] { 0, 1, 2, 3, 8, 50 })
            {
                for (var position = 1; position <= 80; position++)
                {
                    var range = WaitEstimator.ForPosition(position, new ServiceTimes(6, sd, 10), servers, 0.5);
                    range.P50.ShouldBeGreaterThanOrEqualTo(0);
                    range.P90.ShouldBeGreaterThanOrEqualTo(range.P50);
                }
            }
        }
    }

    [Fact]
    public void Waits_grow_with_position()
    {
        foreach (var servers in new[] { 1, 2, 5, 12 })
        {
            var previous = WaitEstimator.ForPosition(1, Registrations, servers, 0);
            for (var position = 2; position <= 60; position++)
            {
                var range = WaitEstimator.ForPosition(position, Registrations, servers, 0);
                range.P50.ShouldBeGreaterThanOrEqualTo(previous.P50);
                range.P90.ShouldBeGreaterThanOrEqualTo(previous.P90);
                previous = range;
            }

            WaitEstimator.ForPosition(60, Registrations, servers, 0).P50.ShouldBeGreaterThan(WaitEstimator.ForPosition(10, Registrations, servers, 0).P50);
        }
    }

    [Fact]
    public void More_counters_never_make_a_wait_longer()
    {
        foreach (var position in new[] { 1, 3, 10, 40 })
        {
            var previous = WaitEstimator.ForPosition(position, Registrations, 1, 0);
            for (var servers = 2; servers <= 20; servers++)
            {
                var range = WaitEstimator.ForPosition(position, Registrations, servers, 0);
                range.P50.ShouldBeLessThanOrEqualTo(previous.P50);
                range.P90.ShouldBeLessThanOrEqualTo(previous.P90);
                previous = range;
            }
        }
    }

    [Fact]
    public void No_open_counter_counts_as_one_rather_than_dividing_by_zero() =>
        WaitEstimator.ForPosition(3, Certificates, 0, 0).ShouldBe(WaitEstimator.ForPosition(3, Certificates, 1, 0));

    [Fact]
    public void A_long_queue_waits_about_position_times_minutes_over_counters()
    {
        // 30th in line at 3 counters of 6 minutes: (29·6 + E[R]) / 3 ≈ 59 minutes, give or take a few.
        var range = WaitEstimator.ForPosition(30, Certificates, 3, 0);
        range.P50.ShouldBeInRange(58, 61);
        range.P90.ShouldBeInRange(range.P50 + 3, range.P50 + 10);
    }

    [Fact]
    public void The_range_widens_with_position()
    {
        var near = WaitEstimator.ForPosition(2, Registrations, 2, 0);
        var far = WaitEstimator.ForPosition(40, Registrations, 2, 0);
        (far.P90 - far.P50).ShouldBeGreaterThan(near.P90 - near.P50);
    }

    [Fact]
    public void Predictable_procedures_give_a_narrower_range()
    {
        var steady = WaitEstimator.ForPosition(20, new ServiceTimes(10, 1, 50), 2, 0);
        var erratic = WaitEstimator.ForPosition(20, new ServiceTimes(10, 8, 50), 2, 0);
        (steady.P90 - steady.P50).ShouldBeLessThan(erratic.P90 - erratic.P50);
    }

    [Fact]
    public void Zero_variance_still_waits_for_the_service_in_progress()
    {
        var range = WaitEstimator.ForPosition(1, new ServiceTimes(10, 0, 50), 1, 0);
        range.P50.ShouldBeInRange(4, 6);
        range.P90.ShouldBeInRange(range.P50, 10);
    }

    [Fact]
    public void Exponential_service_at_one_counter_matches_the_exact_quantiles()
    {
        // Memoryless service: the first departure is exponential, median 10·ln 2 = 6.9, P90 10·ln 10 = 23.0.
        var range = WaitEstimator.ForPosition(1, new ServiceTimes(10, 10, 50), 1, 0);
        range.P50.ShouldBeInRange(7, 8);
        range.P90.ShouldBeInRange(23, 24);
    }

    [Fact]
    public void Fewer_measured_samples_widen_a_long_queue_range()
    {
        var measured = WaitEstimator.ForPosition(30, new ServiceTimes(10, 5, 50), 2, 0);
        var configuredOnly = WaitEstimator.ForPosition(30, new ServiceTimes(10, 5, 0), 2, 0);
        configuredOnly.P90.ShouldBeGreaterThan(measured.P90);
    }

    [Fact]
    public void Unknown_service_time_gives_no_estimate() => WaitEstimator.ForPosition(5, new ServiceTimes(0, 0, 0), 2, 0).ShouldBe(new WaitRange(0, 0));

    [Fact]
    public void A_new_arrival_waits_at_least_as_long_as_the_position_behind_the_waiting_ones()
    {
        foreach (var rate in new[] { 0.0, 0.2, 0.7, 1.2, 5.0 })
        {
            for (var waiting = 1; waiting <= 30; waiting++)
            {
                var arrival = WaitEstimator.ForNewArrival(waiting, Registrations, 12, rate);
                var position = WaitEstimator.ForPosition(waiting + 1, Registrations, 12, rate);
                arrival.P50.ShouldBeGreaterThanOrEqualTo(position.P50);
                arrival.P90.ShouldBeGreaterThanOrEqualTo(position.P90);
            }
        }
    }

    [Fact]
    public void Nobody_waiting_and_nobody_arriving_means_no_wait() =>
        WaitEstimator.ForNewArrival(0, Certificates, 2, 0).ShouldBe(new WaitRange(0, 0));

    [Fact]
    public void Nobody_waiting_with_a_free_counter_means_no_wait() =>
        WaitEstimator.ForNewArrival(0, Certificates, 2, 0, busyServers: 1).ShouldBe(new WaitRange(0, 0));

    [Fact]
    public void Nobody_waiting_with_every_counter_busy_waits_for_the_first_to_finish() =>
        WaitEstimator.ForNewArrival(0, Certificates, 2, 0, busyServers: 2).ShouldBe(WaitEstimator.ForPosition(1, Certificates, 2, 0));

    [Fact]
    public void Nobody_waiting_waits_more_often_the_busier_the_counters_are()
    {
        var quiet = WaitEstimator.ForNewArrival(0, Registrations, 1, 0.01);
        var busy = WaitEstimator.ForNewArrival(0, Registrations, 1, 0.06);
        busy.P90.ShouldBeGreaterThan(quiet.P90);
        busy.P90.ShouldBeLessThanOrEqualTo(WaitEstimator.ForPosition(1, Registrations, 1, 0).P90 + 60);
    }

    [Fact]
    public void The_Erlang_C_floor_applies_under_load()
    {
        // 10 counters of 5 minutes, 1.6 arrivals a minute (ρ = 0.8, below the one-hour steady-state load 0.83):
        // C = 0.409, so P50 = 0 and P90 = ln(0.409 / 0.1) / (2 − 1.6) = 3.5 minutes, above the position range.
        var service = new ServiceTimes(5, 2.5, 50);
        var p90 = WaitEstimator.ErlangCWaitQuantileMinutes(10, 1.6, 5, 0.9);
        p90.ShouldBe(3.52, 0.01);
        var range = WaitEstimator.ForNewArrival(0, service, 10, 1.6, busyServers: 10);
        WaitEstimator.ForPosition(1, service, 10, 1.6).P90.ShouldBeLessThan(4);
        range.P90.ShouldBe(4);
    }

    [Fact]
    public void The_floor_raises_a_short_queue_when_arrivals_are_high()
    {
        var service = new ServiceTimes(5, 2.5, 50);
        var quiet = WaitEstimator.ForNewArrival(2, service, 10, 0.2);
        var busy = WaitEstimator.ForNewArrival(2, service, 10, 1.6);
        quiet.ShouldBe(WaitEstimator.ForPosition(3, service, 10, 0.2));
        busy.P90.ShouldBeGreaterThan(quiet.P90);
    }

    [Fact]
    public void Overload_falls_back_to_the_position_range()
    {
        // 2 counters of 10 minutes serve 0.2 a minute; at 0.25 there is no steady state.
        var service = new ServiceTimes(10, 5, 50);
        for (var waiting = 1; waiting <= 20; waiting++)
        {
            WaitEstimator.ForNewArrival(waiting, service, 2, 0.25).ShouldBe(WaitEstimator.ForPosition(waiting + 1, service, 2, 0.25));
        }
    }

    [Fact]
    public void Near_overload_the_floor_stops_at_what_can_build_within_the_hour()
    {
        // 13 counters of 15 minutes at ρ = 0.97: literal Erlang C says P90 = 84 minutes, which an hour of that load cannot build.
        var service = new ServiceTimes(15, 7.5, 50);
        var rate = 0.97 * 13 / 15;
        WaitEstimator.ErlangCWaitQuantileMinutes(13, rate, 15, 0.9).ShouldBeGreaterThan(80);
        var range = WaitEstimator.ForNewArrival(0, service, 13, rate);
        var cappedRate = WaitEstimator.SteadyStateLoadWithin(WaitEstimator.FloorHorizonMinutes, 13, 15) * 13 / 15;
        range.P90.ShouldBe((int)Math.Ceiling(WaitEstimator.ErlangCWaitQuantileMinutes(13, cappedRate, 15, 0.9)));
        range.P90.ShouldBeLessThan(30);
    }

    [Fact]
    public void The_new_arrival_range_never_shrinks_as_arrivals_rise_below_overload()
    {
        var service = new ServiceTimes(8, 4, 50);
        var previous = WaitEstimator.ForNewArrival(3, service, 4, 0);
        for (var rate = 0.05; rate < 0.5; rate += 0.05)
        {
            var range = WaitEstimator.ForNewArrival(3, service, 4, rate);
            range.P50.ShouldBeGreaterThanOrEqualTo(previous.P50);
            range.P90.ShouldBeGreaterThanOrEqualTo(previous.P90);
            previous = range;
        }
    }

    [Fact]
    public void A_nonsense_arrival_rate_is_ignored() =>
        WaitEstimator.ForNewArrival(3, Certificates, 2, double.NaN).ShouldBe(WaitEstimator.ForPosition(4, Certificates, 2, 0));

    [Fact]
    public void The_single_number_wrappers_return_the_median_for_configured_minutes()
    {
        WaitEstimator.MinutesForPosition(5, 10, 2).ShouldBe(WaitEstimator.ForPosition(5, ServiceTimeStats.From([], 10), 2, 0).P50);
        WaitEstimator.MinutesForNewArrival(4, 10, 2).ShouldBe(WaitEstimator.ForNewArrival(4, ServiceTimeStats.From([], 10), 2, 0).P50);
        WaitEstimator.MinutesForPosition(0, 10, 2).ShouldBe(0);
        WaitEstimator.MinutesForPosition(1, 10, 0).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Matches_the_rule_of_thumb_city_pages_give()
    {
        // "About 10 minutes per 5 people waiting": 2-minute procedures at one counter, 4 already waiting.
        WaitEstimator.MinutesForNewArrival(4, 2, 1).ShouldBeInRange(8, 11);
    }
}
