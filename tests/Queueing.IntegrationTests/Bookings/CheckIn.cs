using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Queueing.IntegrationTests.Engine;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Bookings;

/// <summary>Arrival: inside the window a booking becomes a priority ticket, late it becomes a normal one, early is refused.</summary>
[Collection(nameof(ClockCollection))]
public sealed class CheckIn(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task On_time_gives_a_priority_ticket_once_late_a_normal_one_and_early_is_refused()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 1);
        var onTime = await Book(office, day, "10:00");
        var late = await Book(office, day, "10:00");

        MoveTo(day, new TimeOnly(9, 0));
        await (await _system.Http.PostAsync($"/api/bookings/{onTime}/check-in", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        MoveTo(day, new TimeOnly(9, 45));
        var walkIn = await _system.Http.TakeAsync(office, "juminhyo");
        var first = await CheckInAsync(onTime);
        first.GetProperty("state").GetString().ShouldBe("checked-in");
        first.GetProperty("ticketPriority").GetString().ShouldBe("booking");
        var again = await CheckInAsync(onTime);
        again.GetProperty("ticketNumber").GetString().ShouldBe(first.GetProperty("ticketNumber").GetString());

        // The checked-in booking is called before the walk-in who came just before it.
        var staff = await _system.SignInAsync("sato", "madoguchi-1"); // the clock moved past the fixture's token
        await staff.OpenAsync(office, "1");
        (await staff.CallNextAsync(office, "1"))!.Number.ShouldBe(first.GetProperty("ticketNumber").GetString());
        await staff.CompleteAsync(office, "1");
        (await staff.CallNextAsync(office, "1"))!.Number.ShouldBe(walkIn.Number);

        MoveTo(day, new TimeOnly(10, 30));
        (await CheckInAsync(late)).GetProperty("ticketPriority").GetString().ShouldBe("walkin");

        // A booking already checked in can no longer be cancelled.
        await (await _system.Http.DeleteAsync($"/api/bookings/{onTime}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
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

    private async Task<string> Book(string office, DateOnly day, string time)
    {
        var response = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private async Task<JsonElement> CheckInAsync(string code)
    {
        var response = await _system.Http.PostAsync($"/api/bookings/{code}/check-in", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
