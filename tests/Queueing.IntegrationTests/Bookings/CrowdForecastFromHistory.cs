using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.IntegrationTests.Engine;
using Queueing.Testing;
using Shouldly;
using StackExchange.Redis;
using Xunit;

namespace Queueing.IntegrationTests.Bookings;

/// <summary>The crowd forecast learns from walk-in tickets: two busy same-weekday mornings make that morning busy in the forecast.</summary>
[Collection(nameof(ClockCollection))]
public sealed class CrowdForecastFromHistory(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Walk_ins_on_two_same_weekdays_raise_the_crowd_level_of_that_hour_on_the_next_one()
    {
        var learning = _system.NewOfficeId();
        var configured = _system.NewOfficeId();
        var first = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 1);
        while (!BookingDays.IsOpen(first) || !BookingDays.IsOpen(first.AddDays(7)) || !BookingDays.IsOpen(first.AddDays(14)))
        {
            first = first.AddDays(1);
        }

        var target = first.AddDays(14);
        using var redis = await ConnectionMultiplexer.ConnectAsync(_system.RedisConnectionString);
        var db = redis.GetDatabase();

        // A busy morning: 20 walk-ins for queue A between 10:00 and 11:00, none booked.
        MoveTo(first, new TimeOnly(10, 15));
        var tickets = new List<Api.Taken>();
        for (var i = 0; i < 20; i++)
        {
            tickets.Add(await _system.Http.TakeAsync(learning, "juminhyo"));
        }

        var countKey = $"rs:{{{learning}}}:walkins:{first:yyyy-MM-dd}";
        (await Poll.UntilAsync(async () => (int)await db.HashGetAsync(countKey, "A:10"), n => n >= 20)).ShouldBe(20);

        // A redelivered TicketIssued is counted once.
        await _system.Gateway.Get<IBus>().Publish(new TicketIssued
        {
            TicketId = tickets[0].TicketId, OfficeId = learning, Queue = "A", Number = tickets[0].Number, Procedure = "juminhyo",
            Channel = "kiosk", Token = tickets[0].Token, IssuedAt = _system.Clock.GetUtcNow(), Version = 1,
        });
        await Task.Delay(1000);
        ((int)await db.HashGetAsync(countKey, "A:10")).ShouldBe(20);

        // One observed day is not enough: the forecast still follows the configured profile.
        MoveTo(first.AddDays(1), new TimeOnly(8, 0));
        var oneDay = await CrowdAsync(learning, target, "10:00");
        oneDay.ShouldBe(await CrowdAsync(configured, target, "10:00"));
        oneDay.ShouldBeLessThan(5);

        MoveTo(first.AddDays(7), new TimeOnly(10, 15));
        for (var i = 0; i < 20; i++)
        {
            await _system.Http.TakeAsync(learning, "juminhyo");
        }

        // Once the second day is over, the mean of the two (20 an hour) is what the forecast expects.
        MoveTo(first.AddDays(8), new TimeOnly(8, 0));
        var learnt = await Poll.UntilAsync(() => CrowdAsync(learning, target, "10:00"), level => level == 5);
        learnt.ShouldBe(5);
        (await CrowdAsync(learning, target, "10:30")).ShouldBe(5);
        (await CrowdAsync(configured, target, "10:00")).ShouldBe(oneDay);

        // Other weekdays have no history of their own and keep the configured profile.
        var otherDay = BookingDays.IsOpen(target.AddDays(1)) ? target.AddDays(1) : target.AddDays(-1);
        (await CrowdAsync(learning, otherDay, "10:00")).ShouldBe(await CrowdAsync(configured, otherDay, "10:00"));
    }

    private async Task<int> CrowdAsync(string office, DateOnly day, string time)
    {
        var json = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/availability?procedures=juminhyo&from={day:yyyy-MM-dd}&days=1");
        return json.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("time").GetString() == time).GetProperty("crowdLevel").GetInt32();
    }

    private void MoveTo(DateOnly day, TimeOnly time)
    {
        var at = new DateTimeOffset(day.ToDateTime(time), Tokyo.GetUtcOffset(day.ToDateTime(time)));
        var by = at - _system.Clock.GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            _system.Clock.Advance(by);
        }
    }
}
