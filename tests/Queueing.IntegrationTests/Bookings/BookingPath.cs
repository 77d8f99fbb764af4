using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Bookings;

/// <summary>Availability, booking, idempotency, cancel and the calendar file through Gateway and Reservation on real RabbitMQ and Redis.</summary>
public sealed class BookingPath(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Availability_lists_slots_with_capacity_and_crowd_levels_and_none_on_closed_days()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        var json = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/availability?procedures=juminhyo,tennyu&from={day:yyyy-MM-dd}&days=1");
        var slots = json.GetProperty("slots").EnumerateArray().ToList();
        slots.Count.ShouldBe(17); // 08:30 … 16:30, each 30 minutes, all ending by 17:15
        slots.ShouldAllBe(s => s.GetProperty("remaining").GetInt32() > 0);
        slots.Select(s => s.GetProperty("crowdLevel").GetInt32()).ShouldAllBe(l => l >= 1 && l <= 5);
        slots.Select(s => s.GetProperty("crowdLevel").GetInt32()).Distinct().Count().ShouldBeGreaterThan(1);
        json.GetProperty("quietest").GetArrayLength().ShouldBe(5);

        var sunday = day.AddDays(7 - (int)day.DayOfWeek);
        var closed = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/availability?procedures=juminhyo&from={sunday:yyyy-MM-dd}&days=1");
        closed.GetProperty("slots").GetArrayLength().ShouldBe(0);

        await (await _system.Http.GetAsync($"/api/offices/{office}/availability?procedures=nothing")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "procedures");
        await (await _system.Http.GetAsync($"/api/offices/{office}/availability")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "procedures");
        await (await _system.Http.GetAsync($"/api/offices/{office}/availability?procedures=juminhyo&from=tomorrow")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "from");
    }

    [Fact]
    public async Task Booking_is_idempotent_cancelling_releases_the_capacity_and_the_calendar_file_imports()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        var before = await Remaining(office, day, "10:00");

        var first = await Book(office, day, "10:00", "key-1");
        var again = await Book(office, day, "10:00", "key-1");
        again.GetProperty("code").GetString().ShouldBe(first.GetProperty("code").GetString());
        first.GetProperty("state").GetString().ShouldBe("confirmed");
        (await Remaining(office, day, "10:00")).ShouldBe(before - 1);

        var code = first.GetProperty("code").GetString()!;
        code.Length.ShouldBe(8);

        // Personal data is deleted after the visit day plus the retention period (7 days in the demo office).
        using (var redis = StackExchange.Redis.ConnectionMultiplexer.Connect(_system.RedisConnectionString))
        {
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"rs:{{{office}}}:b:{code}");
            ttl.ShouldNotBeNull();
            ttl.Value.ShouldBeGreaterThan(TimeSpan.FromDays(7));
            ttl.Value.ShouldBeLessThan(TimeSpan.FromDays(7 + 12));
        }
        var ics = await _system.Http.GetStringAsync($"/api/bookings/{code}/calendar.ics");
        ics.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        ics.ShouldContain("BEGIN:VEVENT");
        ics.ShouldContain($"UID:{code}@{office}.matanai");
        ics.ShouldContain("DTSTART:" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "T010000Z"); // 10:00 in Tokyo
        (await _system.Http.GetAsync($"/api/bookings/{code}/qr.svg")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Staff see the day's bookings (a staff token is needed; no contact data is shown).
        await (await _system.Http.GetAsync($"/api/offices/{office}/bookings?date={day:yyyy-MM-dd}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var dayList = await _system.Staff.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/bookings?date={day:yyyy-MM-dd}");
        dayList.EnumerateArray().Select(b => b.GetProperty("code").GetString()).ShouldContain(code);
        dayList.GetRawText().ShouldNotContain("lineUserId");

        var cancelled = await (await _system.Http.DeleteAsync($"/api/bookings/{code}")).Content.ReadFromJsonAsync<JsonElement>();
        cancelled.GetProperty("state").GetString().ShouldBe("cancelled");
        (await Remaining(office, day, "10:00")).ShouldBe(before);
        (await _system.Http.DeleteAsync($"/api/bookings/{code}")).StatusCode.ShouldBe(HttpStatusCode.OK); // cancelling twice changes nothing
        (await Remaining(office, day, "10:00")).ShouldBe(before);
    }

    [Fact]
    public async Task Bad_booking_requests_name_the_field()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { date = $"{day:yyyy-MM-dd}", time = "10:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "procedures");
        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = "soon", time = "10:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date");
        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "10:07" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "time");
        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day.AddDays(-30):yyyy-MM-dd}", time = "10:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "10:00", email = "nope" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "email");
        await (await _system.Http.GetAsync("/api/bookings/ABCDEFGH")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "code");
        await (await _system.Http.GetAsync("/api/bookings/x")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "code");
    }

    [Fact]
    public async Task A_thousand_concurrent_attempts_for_one_slot_book_exactly_its_capacity()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 3);
        var capacity = await Remaining(office, day, "14:00");
        capacity.ShouldBeGreaterThan(0);

        using var gate = new SemaphoreSlim(100);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/bookings")
                {
                    Content = JsonContent.Create(new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "14:00" }),
                };
                request.Headers.Add("Idempotency-Key", $"race-{i}");
                return (await _system.Http.SendAsync(request)).StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));

        outcomes.Count(s => s == HttpStatusCode.Created).ShouldBe(capacity);
        outcomes.Count(s => s == HttpStatusCode.Conflict).ShouldBe(1000 - capacity);
        (await Remaining(office, day, "14:00")).ShouldBe(0);
    }

    private async Task<JsonElement> Book(string office, DateOnly day, string time, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/bookings")
        {
            Content = JsonContent.Create(new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await _system.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<int> Remaining(string office, DateOnly day, string time)
    {
        var json = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/availability?procedures=juminhyo&from={day:yyyy-MM-dd}&days=1");
        return json.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("time").GetString() == time).GetProperty("remaining").GetInt32();
    }
}

internal static class BookingDays
{
    private static readonly DateOnly[] Holidays = [new(2026, 11, 23), new(2026, 12, 29), new(2026, 12, 30), new(2026, 12, 31), new(2027, 1, 1), new(2027, 1, 2), new(2027, 1, 3), new(2027, 1, 11), new(2027, 2, 11), new(2027, 2, 23)];

    /// <summary>The first weekday (not a demo holiday) at least <paramref name="daysAhead"/> days after today in Tokyo.</summary>
    public static DateOnly NextOpenDay(DateTimeOffset now, int daysAhead)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime).AddDays(daysAhead);
        while (!IsOpen(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public static bool IsOpen(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day);
}
