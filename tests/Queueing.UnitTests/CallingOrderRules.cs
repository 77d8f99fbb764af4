using Queueing.Ticketing.Calling;
using Shouldly;
using Xunit;
using static Queueing.Ticketing.Calling.CallingOrder;

namespace Queueing.UnitTests;

public sealed class CallingOrderRules
{
    private static readonly DateTimeOffset Nine = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static Candidate Ticket(string id, string queue, int minutesAfterNine) => new(id, queue, Score(Nine.AddMinutes(minutesAfterNine)));

    [Fact]
    public void Calls_the_oldest_ticket_of_the_queues_the_counter_serves()
    {
        var waiting = new[] { Ticket("A-002", "A", 5), Ticket("B-001", "B", 2), Ticket("A-001", "A", 3) };
        PickNext(["A", "B"], waiting)!.TicketId.ShouldBe("B-001");
        PickNext(["A"], waiting)!.TicketId.ShouldBe("A-001");
    }

    [Fact]
    public void Ignores_queues_the_counter_does_not_serve()
    {
        var waiting = new[] { Ticket("B-001", "B", 0) };
        PickNext(["A"], waiting).ShouldBeNull();
    }

    [Fact]
    public void Ties_go_to_the_queue_the_counter_lists_first()
    {
        var waiting = new[] { Ticket("B-001", "B", 1), Ticket("A-001", "A", 1) };
        PickNext(["B", "A"], waiting)!.TicketId.ShouldBe("B-001");
        PickNext(["A", "B"], waiting)!.TicketId.ShouldBe("A-001");
    }

    [Fact]
    public void Nobody_waiting_means_no_ticket() => PickNext(["A", "B"], []).ShouldBeNull();

    [Fact]
    public void Later_arrivals_score_higher() => Score(Nine.AddSeconds(1)).ShouldBeGreaterThan(Score(Nine));
}
