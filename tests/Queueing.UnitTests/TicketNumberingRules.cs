using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Tickets;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests;

public sealed class TicketNumberingRules
{
    private static readonly Office Demo = OfficeCatalog.Load(TestFiles.Offices).Find("demo")!;

    [Theory]
    [InlineData("A", 1, "A-001")]
    [InlineData("B", 42, "B-042")]
    [InlineData("A", 999, "A-999")]
    [InlineData("AB", 1000, "AB-1000")]
    public void Formats_the_queue_prefix_and_at_least_three_digits(string queue, long sequence, string expected) =>
        TicketNumbering.Number(queue, sequence).ShouldBe(expected);

    [Fact]
    public void Refuses_sequence_zero() => Should.Throw<ArgumentOutOfRangeException>(() => TicketNumbering.Number("A", 0));

    [Fact]
    public void The_day_turns_at_midnight_in_Tokyo_not_UTC()
    {
        // 14:59 UTC is 23:59 in Tokyo; 15:00 UTC is midnight, the next day there.
        TicketNumbering.DayKey(Demo, new DateTimeOffset(2026, 4, 1, 14, 59, 0, TimeSpan.Zero)).ShouldBe("20260401");
        TicketNumbering.DayKey(Demo, new DateTimeOffset(2026, 4, 1, 15, 0, 0, TimeSpan.Zero)).ShouldBe("20260402");
    }

    [Fact]
    public void Ticket_ids_carry_office_day_and_number()
    {
        var id = TicketNumbering.TicketId("demo", "20260401", "A-007");
        id.ShouldBe("demo.20260401.A-007");
        TicketNumbering.NumberOf(id).ShouldBe("A-007");
    }

    [Fact]
    public void Tokens_are_unguessable_and_url_safe()
    {
        var tokens = Enumerable.Range(0, 10_000).Select(_ => TicketTokens.New()).ToList();
        tokens.Distinct().Count().ShouldBe(tokens.Count);
        tokens.ShouldAllBe(t => TicketTokens.LooksValid(t));
        TicketTokens.LooksValid("../../etc/passwd").ShouldBeFalse();
    }
}
