using Queueing.Ticketing.Estimates;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Estimates;

public sealed class ServiceTimesBlendConfiguredMinutesWithMeasuredOnes
{
    [Fact]
    public void No_samples_uses_the_configured_minutes_with_half_of_them_as_spread()
    {
        var times = ServiceTimeStats.From([], 10);
        times.MeanMinutes.ShouldBe(10, 1e-12);
        times.StdDevMinutes.ShouldBe(5, 1e-12);
        times.Samples.ShouldBe(0);
    }

    [Fact]
    public void The_configured_minutes_are_worth_five_samples()
    {
        var times = ServiceTimeStats.From([20, 20, 20, 20, 20], 10);
        times.MeanMinutes.ShouldBe(15, 1e-12);
        // Second moment (5·(10² + 5²) + 5·20²) / 10 = 262.5, minus 15².
        times.StdDevMinutes.ShouldBe(Math.Sqrt(37.5), 1e-12);
        times.Samples.ShouldBe(5);
    }

    [Fact]
    public void Fifty_samples_outweigh_the_configuration_ten_to_one()
    {
        var times = ServiceTimeStats.From(Enumerable.Repeat(20.0, 50).ToList(), 10);
        times.MeanMinutes.ShouldBe(((5 * 10) + (50 * 20)) / 55.0, 1e-12);
    }

    [Fact]
    public void Only_the_newest_fifty_count()
    {
        var newestFirst = Enumerable.Repeat(20.0, 50).Concat(Enumerable.Repeat(100.0, 50)).ToList();
        var times = ServiceTimeStats.From(newestFirst, 10);
        times.MeanMinutes.ShouldBe(((5 * 10) + (50 * 20)) / 55.0, 1e-12);
        times.Samples.ShouldBe(50);
    }

    [Fact]
    public void Negative_or_non_finite_durations_are_ignored()
    {
        ServiceTimeStats.From([double.NaN, -3, double.PositiveInfinity, 20, 20, 20, 20, 20], 10)
            .ShouldBe(ServiceTimeStats.From([20, 20, 20, 20, 20], 10));
    }

    [Fact]
    public void Without_configured_minutes_the_samples_alone_count()
    {
        var times = ServiceTimeStats.From([4, 6], 0);
        times.MeanMinutes.ShouldBe(5, 1e-12);
        times.StdDevMinutes.ShouldBe(1, 1e-12);
    }

    [Fact]
    public void Nothing_known_is_zero() => ServiceTimeStats.From([], 0).ShouldBe(new ServiceTimes(0, 0, 0));

    [Fact]
    public void Identical_durations_leave_only_the_spread_of_the_prior()
    {
        var times = ServiceTimeStats.From(Enumerable.Repeat(10.0, 50).ToList(), 10);
        times.MeanMinutes.ShouldBe(10, 1e-12);
        times.StdDevMinutes.ShouldBe(Math.Sqrt(5 * 25 / 55.0), 1e-9);
    }
}

public sealed class AQueueMixesTheServiceTimesOfItsProcedures
{
    [Fact]
    public void One_procedure_is_itself()
    {
        var times = new ServiceTimes(12, 4, 30);
        var mixed = ServiceTimeStats.Mix([(times, 3.0)]);
        mixed.MeanMinutes.ShouldBe(12, 1e-12);
        mixed.StdDevMinutes.ShouldBe(4, 1e-12);
        mixed.Samples.ShouldBe(30);
    }

    [Fact]
    public void Means_are_weighted_and_the_spread_between_procedures_adds_variance()
    {
        var mixed = ServiceTimeStats.Mix([(new ServiceTimes(5, 0, 10), 1.0), (new ServiceTimes(15, 0, 20), 1.0)]);
        mixed.MeanMinutes.ShouldBe(10, 1e-12);
        mixed.StdDevMinutes.ShouldBe(5, 1e-12);
        mixed.Samples.ShouldBe(30);
    }

    [Fact]
    public void More_tickets_of_a_procedure_pull_the_mean_towards_it() =>
        ServiceTimeStats.Mix([(new ServiceTimes(5, 1, 0), 3.0), (new ServiceTimes(15, 1, 0), 1.0)]).MeanMinutes.ShouldBe(7.5, 1e-12);

    [Fact]
    public void Within_procedure_variance_is_kept()
    {
        // Equal means: the mixture's variance is the weighted variance, (1·3² + 1·4²) / 2.
        ServiceTimeStats.Mix([(new ServiceTimes(10, 3, 0), 1.0), (new ServiceTimes(10, 4, 0), 1.0)]).StdDevMinutes.ShouldBe(Math.Sqrt(12.5), 1e-12);
    }

    [Fact]
    public void Zero_weights_are_left_out() =>
        ServiceTimeStats.Mix([(new ServiceTimes(5, 1, 0), 1.0), (new ServiceTimes(50, 1, 0), 0.0)]).MeanMinutes.ShouldBe(5, 1e-12);

    [Fact]
    public void If_no_weight_is_positive_the_procedures_count_equally() =>
        ServiceTimeStats.Mix([(new ServiceTimes(5, 0, 0), 0.0), (new ServiceTimes(15, 0, 0), 0.0)]).MeanMinutes.ShouldBe(10, 1e-12);

    [Fact]
    public void No_procedures_is_zero() => ServiceTimeStats.Mix([]).ShouldBe(new ServiceTimes(0, 0, 0));
}
