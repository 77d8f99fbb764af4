using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Queueing.Contracts.Counters;
using Queueing.Contracts.Reservations;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Bookings;

/// <summary>Staff book, move and cancel for residents who do not use the web: staff only, office-scoped, idempotent, audited once.</summary>
public sealed class StaffBookingOnBehalf(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Staff_booking_endpoints_need_a_staff_token_for_the_office()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        var code = await BookAsResidentAsync(office, day, "10:00");
        var body = new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "11:00" };

        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings/for-resident", body)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings/{code}/move", body)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await _system.Http.PostAsync($"/api/offices/{office}/bookings/{code}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        using var demoOnly = await _system.SignInAsync("yamada", "madoguchi-3");
        await (await demoOnly.PostAsJsonAsync($"/api/offices/{office}/bookings/for-resident", body)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await demoOnly.PostAsJsonAsync($"/api/offices/{office}/bookings/{code}/move", body)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await demoOnly.PostAsync($"/api/offices/{office}/bookings/{code}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // Staff of one office cannot reach another office's booking through their own office's path.
        var other = _system.NewOfficeId();
        await (await _system.Staff.PostAsync($"/api/offices/{other}/bookings/{code}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "code");
        await (await _system.Staff.PostAsJsonAsync($"/api/offices/{other}/bookings/{code}/move", body)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "code");
        (await _system.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{code}")).GetProperty("state").GetString().ShouldBe("confirmed");
    }

    [Fact]
    public async Task Bad_input_is_400_naming_the_field()
    {
        var office = _system.NewOfficeId();
        var day = $"{BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2):yyyy-MM-dd}";
        var url = $"/api/offices/{office}/bookings/for-resident";
        await (await _system.Staff.PostAsJsonAsync(url, new { date = day, time = "10:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "procedures");
        await (await _system.Staff.PostAsJsonAsync(url, new { procedures = new[] { "nothing" }, date = day, time = "10:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "procedures");
        await (await _system.Staff.PostAsJsonAsync(url, new { procedures = new[] { "juminhyo" }, date = "next monday", time = "10:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date");
        await (await _system.Staff.PostAsJsonAsync(url, new { procedures = new[] { "juminhyo" }, date = day })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "time");
        await (await _system.Staff.PostAsJsonAsync(url, new { procedures = new[] { "juminhyo" }, date = day, time = "10:10" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "time");
        await (await _system.Staff.PostAsJsonAsync(url, new { procedures = new[] { "juminhyo" }, date = day, time = "10:00", language = "fr" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language");
        await (await _system.Staff.PostAsJsonAsync(url, new { procedures = new[] { "juminhyo" }, date = day, time = "10:00", email = "not-an-address" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "email");
        using (var longKey = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { procedures = new[] { "juminhyo" }, date = day, time = "10:00" }) })
        {
            longKey.Headers.Add("Idempotency-Key", new string('k', 129));
            await (await _system.Staff.SendAsync(longKey)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");
        }

        var code = await BookAsResidentAsync(office, DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "10:00");
        await (await _system.Staff.PostAsJsonAsync($"/api/offices/{office}/bookings/{code}/move", new { time = "11:00" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date");
        await (await _system.Staff.PostAsJsonAsync($"/api/offices/{office}/bookings/{code}/move", new { date = day })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "time");
        await (await _system.Staff.PostAsync($"/api/offices/{office}/bookings/NOSUCH00/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "code");

        // The resident's own booking form checks the language too.
        await (await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = day, time = "10:00", language = "xx" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "language");
    }

    [Fact]
    public async Task A_staff_booking_sent_twice_books_once_and_book_move_and_cancel_are_each_audited_once()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        await using var events = await EventTap.StartAsync(_system.Gateway.Get<IBus>(),
            EventTap.Of<BookingConfirmed>(), EventTap.Of<BookingRescheduled>(), EventTap.Of<BookingCancelled>(), EventTap.Of<StaffActionRecorded>());
        var before = await RemainingAsync(office, day, "10:00");
        var before14 = await RemainingAsync(office, day, "14:00");

        var key = Guid.NewGuid().ToString();
        var first = await StaffBookAsync(office, new { procedures = new[] { "tennyu", "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "10:00", email = "hanako@example.jp", language = "en" }, key);
        var again = await StaffBookAsync(office, new { procedures = new[] { "tennyu", "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = "10:00", email = "hanako@example.jp", language = "en" }, key);
        var code = first.GetProperty("code").GetString()!;
        again.GetProperty("code").GetString().ShouldBe(code);
        (await RemainingAsync(office, day, "10:00")).ShouldBe(before - 1);

        var confirmed = (await events.WaitAsync<BookingConfirmed>(e => e.Code == code))[0];
        confirmed.StaffId.ShouldBe("sato");
        confirmed.Email.ShouldBe("hanako@example.jp");
        confirmed.Language.ShouldBe("en");
        confirmed.Procedures.ShouldBe(["tennyu", "juminhyo"]);

        var moved = await _system.Staff.PostAsJsonAsync($"/api/offices/{office}/bookings/{code}/move", new { date = $"{day:yyyy-MM-dd}", time = "14:00" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var rescheduled = (await events.WaitAsync<BookingRescheduled>(e => e.Code == code)).Single();
        (rescheduled.StaffId, rescheduled.Time, rescheduled.PreviousTime, rescheduled.Email).ShouldBe(("sato", "14:00", "10:00", "hanako@example.jp"));

        for (var i = 0; i < 2; i++)
        {
            var cancelled = await _system.Staff.PostAsync($"/api/offices/{office}/bookings/{code}/cancel", null);
            cancelled.StatusCode.ShouldBe(HttpStatusCode.OK, await cancelled.Content.ReadAsStringAsync());
            (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().ShouldBe("cancelled");
        }

        var cancel = (await events.WaitAsync<BookingCancelled>(e => e.Code == code))[0];
        (cancel.Reason, cancel.StaffId, cancel.Language).ShouldBe(("staff", "sato", "en"));
        (await RemainingAsync(office, day, "14:00")).ShouldBe(before14);
        (await RemainingAsync(office, day, "10:00")).ShouldBe(before);

        // The supervisors' log: one record per action (the repeated book and cancel were published again and deduplicated).
        var audit = await Poll.UntilAsync(() => AuditAsync(office, code), a => a.Count >= 3);
        await Task.Delay(1000);
        audit = await AuditAsync(office, code);
        audit.Select(a => a.GetProperty("action").GetString()).OrderBy(a => a).ShouldBe(["book-visit", "cancel-booking", "move-booking"]);
        audit.ShouldAllBe(a => a.GetProperty("staffId").GetString() == "sato");
        audit.Single(a => a.GetProperty("action").GetString() == "move-booking").GetProperty("detail").GetString()!.ShouldContain("10:00 → ");
        audit.ShouldAllBe(a => !a.GetRawText().Contains("hanako", StringComparison.Ordinal));
        events.All<StaffActionRecorded>(e => e.Record.Number == code).Count.ShouldBe(3);
        events.All<BookingConfirmed>(e => e.Code == code).ShouldAllBe(e => e.StaffId == "sato");
    }

    private async Task<JsonElement> StaffBookAsync(string office, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/bookings/for-resident") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        var response = await _system.Staff.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> AuditAsync(string office, string code)
    {
        var all = await _system.Supervisor.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/audit?limit=100");
        return all.EnumerateArray().Where(a => a.TryGetProperty("number", out var n) && n.GetString() == code).ToList();
    }

    private async Task<string> BookAsResidentAsync(string office, DateOnly day, string time)
    {
        var response = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings", new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private async Task<int> RemainingAsync(string office, DateOnly day, string time)
    {
        var json = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/availability?procedures=tennyu,juminhyo&from={day:yyyy-MM-dd}&days=1");
        return json.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("time").GetString() == time).GetProperty("remaining").GetInt32();
    }
}
