using Queueing.ServiceDefaults.Offices;
using Shouldly;
using Xunit;
using static Queueing.Ticketing.Calling.CallingOrder;

namespace Queueing.UnitTests;

public sealed class CallingOrderRules
{
    private static readonly DateTimeOffset Nine = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CallingPolicy Policy = CallingPolicy.Default; // assistance 30, booking 20, max wait 45

    private static Candidate Ticket(string id, string queue, int minutesAfterNine, string priority = "walkin") =>
        new(id, queue, Nine.AddMinutes(minutesAfterNine), priority);

    private static Candidate? Next(IReadOnlyList<string> queues, int nowMinutes, params Candidate[] waiting) =>
        PickNext(queues, waiting, Policy, Nine.AddMinutes(nowMinutes));

    [Fact]
    public void Calls_the_oldest_ticket_of_the_queues_the_counter_serves() =>
        Next(["A", "B"], 6, Ticket("A-002", "A", 5), Ticket("B-001", "B", 2), Ticket("A-001", "A", 3))!.TicketId.ShouldBe("B-001");

    [Fact]
    public void Ignores_queues_the_counter_does_not_serve() => Next(["A"], 1, Ticket("B-001", "B", 0)).ShouldBeNull();

    [Fact]
    public void Ties_go_to_the_queue_the_counter_lists_first()
    {
        Next(["B", "A"], 2, Ticket("B-001", "B", 1), Ticket("A-001", "A", 1))!.TicketId.ShouldBe("B-001");
        Next(["A", "B"], 2, Ticket("B-001", "B", 1), Ticket("A-001", "A", 1))!.TicketId.ShouldBe("A-001");
    }

    [Fact]
    public void A_checked_in_booking_goes_before_walk_ins_who_arrived_less_than_20_minutes_earlier()
    {
        Next(["A"], 16, Ticket("A-001", "A", 0), Ticket("A-002", "A", 15, "booking"))!.TicketId.ShouldBe("A-002");
        Next(["A"], 26, Ticket("A-001", "A", 0), Ticket("A-002", "A", 25, "booking"))!.TicketId.ShouldBe("A-001");
    }

    [Fact]
    public void Assistance_has_the_longest_head_start()
    {
        Next(["A"], 11, Ticket("A-001", "A", 0, "booking"), Ticket("A-002", "A", 9, "assistance"))!.TicketId.ShouldBe("A-002");
    }

    [Fact]
    public void Nobody_starves_past_the_maximum_wait_the_longest_waiting_goes_first()
    {
        // A stream of assistance tickets would otherwise keep overtaking the walk-in.
        var stream = Enumerable.Range(1, 10).Select(i => Ticket($"A-1{i:00}", "A", 20 + i, "assistance")).ToArray();
        Next(["A"], 40, [Ticket("A-001", "A", 0), .. stream])!.TicketId.ShouldNotBe("A-001");
        Next(["A"], 46, [Ticket("A-001", "A", 0), .. stream])!.TicketId.ShouldBe("A-001");
    }

    [Fact]
    public void Within_a_class_oldest_first() =>
        Next(["A"], 30, Ticket("A-002", "A", 12, "booking"), Ticket("A-001", "A", 10, "booking"))!.TicketId.ShouldBe("A-001");

    [Fact]
    public void Nobody_waiting_means_no_ticket() => Next(["A", "B"], 0).ShouldBeNull();
}
