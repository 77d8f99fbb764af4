using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Queueing.Contracts.Reservations;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Bookings;

/// <summary>What Reservation tells the rest of the system (Notification) when a resident books, moves and cancels, observed on RabbitMQ.</summary>
public sealed class BookingEvents(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Booking_moving_and_cancelling_each_publish_one_event_with_the_contacts_and_language()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        var line = "U" + Guid.NewGuid().ToString("N");
        await using var events = await EventTap.StartAsync(_system.Gateway.Get<IBus>(),
            EventTap.Of<BookingConfirmed>(), EventTap.Of<BookingRescheduled>(), EventTap.Of<BookingCancelled>());

        var booked = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings",
            new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "09:30", lineUserId = line, email = "taro@example.jp", language = "ko" });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var code = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

        var confirmed = (await events.WaitAsync<BookingConfirmed>(e => e.Code == code)).Single();
        (confirmed.OfficeId, confirmed.Date, confirmed.Time, confirmed.LineUserId, confirmed.Email, confirmed.Language, confirmed.StaffId)
            .ShouldBe((office, day, "09:30", line, "taro@example.jp", "ko", (string?)null));

        var moved = await _system.Http.PostAsJsonAsync($"/api/bookings/{code}/reschedule", new { date = $"{day.AddDays(1):yyyy-MM-dd}", time = "15:30" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var rescheduled = (await events.WaitAsync<BookingRescheduled>(e => e.Code == code)).Single();
        (rescheduled.PreviousDate, rescheduled.PreviousTime, rescheduled.Date, rescheduled.Time, rescheduled.LineUserId, rescheduled.Language)
            .ShouldBe((day, "09:30", day.AddDays(1), "15:30", line, "ko"));

        (await _system.Http.DeleteAsync($"/api/bookings/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cancelled = (await events.WaitAsync<BookingCancelled>(e => e.Code == code)).Single();
        (cancelled.Reason, cancelled.Date, cancelled.Time, cancelled.Email, cancelled.StaffId).ShouldBe(("resident", day.AddDays(1), "15:30", "taro@example.jp", (string?)null));

        // The normal path publishes each once: nothing more arrives.
        await Task.Delay(1000);
        events.All<BookingConfirmed>(e => e.Code == code).Count.ShouldBe(1);
        events.All<BookingRescheduled>(e => e.Code == code).Count.ShouldBe(1);
        events.All<BookingCancelled>(e => e.Code == code).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_booking_without_a_language_is_japanese_and_moving_it_to_where_it_is_publishes_nothing()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        await using var events = await EventTap.StartAsync(_system.Gateway.Get<IBus>(), EventTap.Of<BookingConfirmed>(), EventTap.Of<BookingRescheduled>());
        var booked = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "11:00" });
        var code = (await booked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var confirmed = (await events.WaitAsync<BookingConfirmed>(e => e.Code == code)).Single();
        (confirmed.Language, confirmed.LineUserId, confirmed.Email).ShouldBe(("ja", (string?)null, (string?)null));

        (await _system.Http.PostAsJsonAsync($"/api/bookings/{code}/reschedule", new { date = $"{day:yyyy-MM-dd}", time = "11:00" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(1000);
        events.All<BookingRescheduled>(e => e.Code == code).ShouldBeEmpty();
    }
}
