using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Queueing.IntegrationTests.Engine;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Bookings;

/// <summary>Reminders from the durable scheduler survive a restart and arrive once; rescheduling is all or nothing.</summary>
[Collection(nameof(ClockCollection))]
public sealed class RemindersAndMoves(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Reminders_due_while_Reservation_is_down_are_sent_once_after_it_restarts()
    {
        var office = _system.NewOfficeId();
        var user = "U" + Guid.NewGuid().ToString("N");
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 3);
        var code = await Book(office, day, "11:00", user);

        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1); // "booking confirmed"

        // Down over the day-before reminder's time (11:00 the day before): sent once when it is back, that evening.
        await _system.StopReservationAsync();
        _system.Clock.Advance(new DateTimeOffset(day.AddDays(-1).ToDateTime(new TimeOnly(18, 0)), TimeSpan.FromHours(9)) - _system.Clock.GetUtcNow());
        await _system.StartReservationAsync();
        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 2);
        pushes.Select(p => p.Texts.Single()).ShouldContain(t => t.Contains("明日") && t.Contains(code));

        // Down again over the hour-before reminder's time (10:00): sent once at 10:30.
        await _system.StopReservationAsync();
        _system.Clock.Advance(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 30)), TimeSpan.FromHours(9)) - _system.Clock.GetUtcNow());
        await _system.StartReservationAsync();
        pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 3);
        pushes.Select(p => p.Texts.Single()).ShouldContain(t => t.Contains("本日 11:00") && t.Contains(code));

        // The scheduler polls every second: a few more rounds must not send anything again.
        await Task.Delay(3000);
        (await _system.LinePushesAsync(user)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_booking_not_checked_in_by_the_end_of_its_window_becomes_a_no_show_and_frees_its_place()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 1);
        var code = await Book(office, day, "16:30", null);

        _system.Clock.Advance(new DateTimeOffset(day.ToDateTime(new TimeOnly(16, 46)), TimeSpan.FromHours(9)) - _system.Clock.GetUtcNow());
        var booking = await Poll.UntilAsync(
            () => _system.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{code}"),
            b => b.GetProperty("state").GetString() == "no-show");
        booking.GetProperty("state").GetString().ShouldBe("no-show");
        await (await _system.Http.PostAsync($"/api/bookings/{code}/check-in", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Its booked minutes are released (the slot itself is in the past now, so read Reservation's counter).
        using var redis = StackExchange.Redis.ConnectionMultiplexer.Connect(_system.RedisConnectionString);
        ((int)await redis.GetDatabase().StringGetAsync($"rs:{{{office}}}:used:{day:yyyy-MM-dd}:1630:A")).ShouldBe(0);
    }

    [Fact]
    public async Task Rescheduling_to_a_full_slot_changes_nothing_and_to_a_free_one_moves_the_capacity()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 3);
        var mine = await Book(office, day, "13:00", null);
        var capacity = await Remaining(office, day, "15:00");
        for (var i = 0; i < capacity; i++)
        {
            await Book(office, day, "15:00", null);
        }

        var refused = await _system.Http.PostAsJsonAsync($"/api/bookings/{mine}/reschedule", new { date = $"{day:yyyy-MM-dd}", time = "15:00" });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var unchanged = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{mine}");
        unchanged.GetProperty("time").GetString().ShouldBe("13:00");

        var before13 = await Remaining(office, day, "13:00");
        var before16 = await Remaining(office, day, "16:00");
        var moved = await _system.Http.PostAsJsonAsync($"/api/bookings/{mine}/reschedule", new { date = $"{day:yyyy-MM-dd}", time = "16:00" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        (await Remaining(office, day, "13:00")).ShouldBe(before13 + 1);
        (await Remaining(office, day, "16:00")).ShouldBe(before16 - 1);

        // The same move again changes nothing.
        (await _system.Http.PostAsJsonAsync($"/api/bookings/{mine}/reschedule", new { date = $"{day:yyyy-MM-dd}", time = "16:00" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Remaining(office, day, "16:00")).ShouldBe(before16 - 1);
    }

    private async Task<string> Book(string office, DateOnly day, string time, string? lineUserId)
    {
        var response = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time, lineUserId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private async Task<int> Remaining(string office, DateOnly day, string time)
    {
        var json = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/availability?procedures=juminhyo&from={day:yyyy-MM-dd}&days=1");
        return json.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("time").GetString() == time).GetProperty("remaining").GetInt32();
    }
}
