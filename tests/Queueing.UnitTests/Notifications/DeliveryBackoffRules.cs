using Queueing.Notification.Deliveries;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Notifications;

/// <summary>Durable retries wait longer each time (doubling), never longer than the cap, and spread out by jitter.</summary>
public sealed class DeliveryBackoffRules
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(7, 640)]
    [InlineData(8, 900)]
    [InlineData(30, 900)]
    public void Doubles_from_the_first_delay_up_to_the_cap(int attempts, double seconds) =>
        DeliveryWorker.Backoff(attempts, 10, 15, 0.5).TotalSeconds.ShouldBe(seconds, 0.001);

    [Fact]
    public void Jitter_spreads_a_delay_by_twenty_percent_either_way()
    {
        DeliveryWorker.Backoff(1, 10, 15, 0).TotalSeconds.ShouldBe(8, 0.001);
        DeliveryWorker.Backoff(1, 10, 15, 1).TotalSeconds.ShouldBe(12, 0.001);
    }

    [Theory]
    [InlineData("called", 15)]
    [InlineData("approaching", 30)]
    [InlineData("booking-confirmed", 1440)]
    public void A_milestone_stops_being_worth_sending_after_its_lifetime(string kind, int minutes) =>
        Milestones.Lifetime(kind).ShouldBe(TimeSpan.FromMinutes(minutes));
}
