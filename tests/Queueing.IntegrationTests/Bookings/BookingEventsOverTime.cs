using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Queueing.Contracts.Reservations;
using Queueing.IntegrationTests.Engine;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Bookings;

/// <summary>Events that come with time: reminders (with e-mail and language), check-in (with the ticket) and no-show.</summary>
[Collection(nameof(ClockCollection))]
public sealed class BookingEventsOverTime(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Reminders_carry_the_email_and_language_check_in_carries_the_ticket_and_a_missed_slot_is_a_no_show()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        await using var events = await EventTap.StartAsync(_system.Gateway.Get<IBus>(),
            EventTap.Of<BookingReminderDue>(), EventTap.Of<BookingCheckedIn>(), EventTap.Of<BookingCancelled>());
        var comes = await BookAsync(office, day, "10:00", "zh");
        var missed = await BookAsync(office, day, "11:00", "en");

        MoveTo(day, new TimeOnly(9, 40));
        var reminders = await events.WaitAsync<BookingReminderDue>(e => e.Code == comes, 2);
        reminders.Select(r => r.Kind).Order().ShouldBe(["day-before", "hour-before"]);
        reminders.ShouldAllBe(r => r.Email == "resident@example.jp" && r.Language == "zh" && r.Time == "10:00");

        var checkIn = await _system.Http.PostAsync($"/api/bookings/{comes}/check-in", null);
        checkIn.StatusCode.ShouldBe(HttpStatusCode.OK, await checkIn.Content.ReadAsStringAsync());
        var ticket = await checkIn.Content.ReadFromJsonAsync<JsonElement>();
        var checkedIn = (await events.WaitAsync<BookingCheckedIn>(e => e.Code == comes)).Single();
        checkedIn.TicketNumber.ShouldBe(ticket.GetProperty("ticketNumber").GetString());
        ticket.GetProperty("ticketStatusUrl").GetString()!.ShouldEndWith(checkedIn.TicketToken);
        checkedIn.TicketId.ShouldNotBeNullOrEmpty();
        (checkedIn.Email, checkedIn.Language).ShouldBe(("resident@example.jp", "zh"));

        MoveTo(day, new TimeOnly(11, 16));
        var noShow = (await events.WaitAsync<BookingCancelled>(e => e.Code == missed)).Single();
        (noShow.Reason, noShow.Language, noShow.Time).ShouldBe(("no-show", "en", "11:00"));

        // The scheduler keeps polling: nothing is published twice, and the checked-in booking is never a no-show.
        MoveTo(day, new TimeOnly(12, 0));
        await Task.Delay(2500);
        events.All<BookingCancelled>(e => e.Code == missed).Count.ShouldBe(1);
        events.All<BookingCancelled>(e => e.Code == comes).ShouldBeEmpty();
        events.All<BookingCheckedIn>(e => e.Code == comes).Count.ShouldBe(1);
        events.All<BookingReminderDue>(e => e.Code == missed).Count.ShouldBe(2);
    }

    private async Task<string> BookAsync(string office, DateOnly day, string time, string language)
    {
        var response = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings",
            new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time, email = "resident@example.jp", language });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private void MoveTo(DateOnly day, TimeOnly time)
    {
        var target = new DateTimeOffset(day.ToDateTime(time), Tokyo.GetUtcOffset(day.ToDateTime(time)));
        var by = target - _system.Clock.GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            _system.Clock.Advance(by);
        }
    }
}
