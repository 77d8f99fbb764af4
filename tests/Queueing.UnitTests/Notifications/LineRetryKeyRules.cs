using Queueing.Notification.Deliveries;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Notifications;

public sealed class LineRetryKeyRules
{
    [Fact]
    public void The_same_ticket_and_milestone_always_get_the_same_retry_key() =>
        DeliveryStore.RetryKey("demo.20260401.A-001", "called", "line").ShouldBe(DeliveryStore.RetryKey("demo.20260401.A-001", "called", "line"));

    [Fact]
    public void Different_milestones_or_tickets_get_different_keys()
    {
        var called = DeliveryStore.RetryKey("demo.20260401.A-001", "called", "line");
        called.ShouldNotBe(DeliveryStore.RetryKey("demo.20260401.A-001", "approaching", "line"));
        called.ShouldNotBe(DeliveryStore.RetryKey("demo.20260401.A-002", "called", "line"));
    }

    [Fact]
    public void Keys_are_rfc4122_uuids_as_LINE_requires()
    {
        var text = DeliveryStore.RetryKey("demo.20260401.A-001", "called", "line").ToString();
        text[14].ShouldBe('5');
        "89ab".ShouldContain(text[19]);
    }
}
