using Queueing.Ticketing.Estimates;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Estimates;

public sealed class ErlangCGivesTheProbabilityOfWaitingInMMc
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void One_counter_waits_with_probability_equal_to_the_load(double load) =>
        WaitEstimator.ErlangC(1, load).ShouldBe(load, 1e-12);

    [Fact]
    public void Two_counters_at_one_erlang_make_a_third_wait() => WaitEstimator.ErlangC(2, 1).ShouldBe(1.0 / 3, 1e-12);

    [Fact]
    public void Three_counters_at_two_erlangs_make_four_ninths_wait() => WaitEstimator.ErlangC(3, 2).ShouldBe(4.0 / 9, 1e-12);

    [Fact]
    public void Ten_counters_at_eight_erlangs_match_the_published_table() =>
        // Erlang C tables (e.g. call-centre staffing tables): 10 agents, 8 Erlangs, P(wait) = 40.9%.
        WaitEstimator.ErlangC(10, 8).ShouldBe(0.4092, 0.0001);

    [Fact]
    public void Fifty_counters_match_the_direct_sum() =>
        // a^c/c! · c/(c−a) / (Σ_{k<c} a^k/k! + a^c/c! · c/(c−a)) computed with exact factorials for c = 50, a = 45.
        WaitEstimator.ErlangC(50, 45).ShouldBe(0.36386446720698834, 1e-9);

    [Fact]
    public void Hundreds_of_counters_stay_a_probability()
    {
        var c = WaitEstimator.ErlangC(500, 490);
        c.ShouldBeInRange(0.0, 1.0);
        double.IsFinite(c).ShouldBeTrue();
    }

    [Fact]
    public void Without_load_nobody_waits() => WaitEstimator.ErlangC(3, 0).ShouldBe(0);

    [Theory]
    [InlineData(2, 2.0)]
    [InlineData(2, 3.5)]
    public void At_or_above_the_counters_everyone_waits(int servers, double load) => WaitEstimator.ErlangC(servers, load).ShouldBe(1);

    [Fact]
    public void Zero_counters_count_as_one() => WaitEstimator.ErlangC(0, 0.4).ShouldBe(0.4, 1e-12);

    [Fact]
    public void Waiting_grows_with_load_and_shrinks_with_counters()
    {
        WaitEstimator.ErlangC(5, 4).ShouldBeGreaterThan(WaitEstimator.ErlangC(5, 3));
        WaitEstimator.ErlangC(6, 4).ShouldBeLessThan(WaitEstimator.ErlangC(5, 4));
    }
}

public sealed class ErlangBGivesTheProbabilityThatAllCountersAreBusy
{
    [Fact]
    public void One_counter_is_busy_with_probability_a_over_one_plus_a() => WaitEstimator.ErlangB(1, 3).ShouldBe(0.75, 1e-12);

    [Fact]
    public void Two_counters_at_one_erlang_are_both_busy_a_fifth_of_the_time() => WaitEstimator.ErlangB(2, 1).ShouldBe(0.2, 1e-12);

    [Fact]
    public void Erlang_C_follows_from_Erlang_B()
    {
        var b = WaitEstimator.ErlangB(7, 5);
        WaitEstimator.ErlangC(7, 5).ShouldBe(7 * b / (7 - (5 * (1 - b))), 1e-12);
    }
}

public sealed class TheErlangCWaitQuantileFollowsTheExponentialTail
{
    [Fact]
    public void Matches_the_closed_form()
    {
        // One counter, 10 minutes, 0.08 arrivals a minute: C = 0.8, P(W > t) = 0.8·exp(−0.02·t).
        WaitEstimator.ErlangCWaitQuantileMinutes(1, 0.08, 10, 0.9).ShouldBe(Math.Log(8) / 0.02, 1e-9);
        WaitEstimator.ErlangCWaitQuantileMinutes(1, 0.08, 10, 0.5).ShouldBe(Math.Log(1.6) / 0.02, 1e-9);
    }

    [Theory]
    [InlineData(4, 0.5, 6, 0.9)]
    [InlineData(12, 0.75, 15, 0.9)]
    [InlineData(3, 0.1, 25, 0.6)]
    public void The_tail_beyond_the_quantile_is_one_minus_q(int servers, double arrivalsPerMinute, double meanMinutes, double q)
    {
        var t = WaitEstimator.ErlangCWaitQuantileMinutes(servers, arrivalsPerMinute, meanMinutes, q);
        var c = WaitEstimator.ErlangC(servers, arrivalsPerMinute * meanMinutes);
        (c * Math.Exp(-((servers / meanMinutes) - arrivalsPerMinute) * t)).ShouldBe(1 - q, 1e-9);
    }

    [Fact]
    public void Is_zero_when_fewer_arrivals_than_that_share_wait() =>
        // Two counters at one Erlang: a third waits, so the median arrival does not.
        WaitEstimator.ErlangCWaitQuantileMinutes(2, 0.1, 10, 0.5).ShouldBe(0);

    [Fact]
    public void Is_zero_without_arrivals() => WaitEstimator.ErlangCWaitQuantileMinutes(2, 0, 10, 0.9).ShouldBe(0);

    [Fact]
    public void Is_unbounded_when_arrivals_reach_what_the_counters_serve() =>
        double.IsPositiveInfinity(WaitEstimator.ErlangCWaitQuantileMinutes(2, 0.2, 10, 0.9)).ShouldBeTrue();

    [Fact]
    public void Grows_with_q() =>
        WaitEstimator.ErlangCWaitQuantileMinutes(3, 0.25, 10, 0.95).ShouldBeGreaterThan(WaitEstimator.ErlangCWaitQuantileMinutes(3, 0.25, 10, 0.9));
}

public sealed class AnErlangCSteadyStateNeedsTimeToForm
{
    [Fact]
    public void The_load_reachable_within_the_horizon_matches_the_relaxation_time()
    {
        // ρ = (1 − √(m / (c·H))): 13 counters of 15 minutes, one hour: (1 − √(15/780))².
        var rho = WaitEstimator.SteadyStateLoadWithin(60, 13, 15);
        rho.ShouldBe(Math.Pow(1 - Math.Sqrt(15.0 / 780), 2), 1e-12);
        (15 / (13 * Math.Pow(1 - Math.Sqrt(rho), 2))).ShouldBe(60, 1e-9);
    }

    [Fact]
    public void A_longer_horizon_or_more_counters_allow_a_higher_load()
    {
        WaitEstimator.SteadyStateLoadWithin(120, 3, 20).ShouldBeGreaterThan(WaitEstimator.SteadyStateLoadWithin(60, 3, 20));
        WaitEstimator.SteadyStateLoadWithin(60, 12, 20).ShouldBeGreaterThan(WaitEstimator.SteadyStateLoadWithin(60, 3, 20));
    }

    [Fact]
    public void Service_longer_than_the_horizon_allows_no_steady_state() => WaitEstimator.SteadyStateLoadWithin(60, 1, 90).ShouldBe(0);
}
