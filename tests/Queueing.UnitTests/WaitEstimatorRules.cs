using Queueing.Ticketing.Estimates;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests;

public sealed class WaitEstimatorRules
{
    [Theory]
    [InlineData(1, 5, 1, 5)]
    [InlineData(5, 10, 1, 50)]
    [InlineData(5, 10, 2, 25)]
    [InlineData(3, 5, 2, 8)]
    public void Scales_with_position_and_minutes_and_divides_by_counters(int position, double minutes, int counters, int expected) =>
        WaitEstimator.MinutesForPosition(position, minutes, counters).ShouldBe(expected);

    [Fact]
    public void Not_waiting_is_zero() => WaitEstimator.MinutesForPosition(0, 10, 1).ShouldBe(0);

    [Fact]
    public void No_open_counter_counts_as_one_rather_than_dividing_by_zero() =>
        WaitEstimator.MinutesForPosition(2, 10, 0).ShouldBe(20);

    [Fact]
    public void A_new_arrival_waits_behind_everyone() => WaitEstimator.MinutesForNewArrival(4, 10, 2).ShouldBe(25);

    [Fact]
    public void Matches_the_rule_of_thumb_city_pages_give()
    {
        // "About 10 minutes per 5 people waiting" with 2-minute procedures at one counter.
        WaitEstimator.MinutesForNewArrival(4, 2, 1).ShouldBe(10);
    }
}
