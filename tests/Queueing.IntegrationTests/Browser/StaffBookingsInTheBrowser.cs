using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Queueing.IntegrationTests.Bookings;
using Queueing.Testing;
using Shouldly;
using Xunit;
using static Queueing.IntegrationTests.Browser.BrowserSteps;

namespace Queueing.IntegrationTests.Browser;

/// <summary>
/// Counter staff on the phone with a resident who does not use the web: the day's bookings by hour and procedure
/// (codes only), then booking, moving and cancelling on the resident's behalf, in Debian's Chromium.
/// </summary>
public sealed class StaffBookingsInTheBrowser(SystemFixture fixture) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Staff_see_the_day_by_hour_and_book_move_and_cancel_for_a_resident()
    {
        var office = _system.NewOfficeId();
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        var early = await BookAsync(office, day, "10:00", ["juminhyo"]);
        var moving = await BookAsync(office, day, "10:30", ["tennyu", "juminhyo"]);
        var gone = await BookAsync(office, day, "11:00", ["juminhyo"]);
        (await _system.Http.DeleteAsync($"/api/bookings/{gone}")).EnsureSuccessStatusCode();

        var page = await _browser.OpenAsync($"{Root(_system)}/staff-bookings.html?office={office}&date={day:yyyy-MM-dd}", 1400, 1000);
        await SignInAsync(page, CounterUser, CounterPassword);
        var hour10 = page.GetByTestId("hour-10");
        await Assertions.Expect(hour10.GetByTestId($"booking-{early}")).ToHaveAttributeAsync("data-state", "confirmed", Long);
        await Assertions.Expect(hour10.GetByTestId("group")).ToHaveCountAsync(2); // 住民票 / 転入＋住民票
        await Assertions.Expect(page.GetByTestId("hour-11").GetByTestId($"booking-{gone}")).ToHaveAttributeAsync("data-state", "cancelled");
        await Assertions.Expect(page.GetByTestId("day-summary")).ToHaveAttributeAsync("data-total", "2");
        (await page.GetByTestId("day-list").TextContentAsync() ?? "").ShouldNotContain("resident@example.jp");
        await Testing.Browser.ScreenshotAsync(page, "staff-bookings-1-day");

        // Book for a resident on the phone: procedure, a time from the crowd-coloured slots, e-mail and language.
        await page.GetByTestId("book-proc-koseki").CheckAsync();
        await page.GetByTestId("book-date").FillAsync($"{day:yyyy-MM-dd}");
        var slot = page.GetByTestId("book-slot-1400");
        await Assertions.Expect(slot).ToBeEnabledAsync(new() { Timeout = 15_000 });
        int.Parse((await slot.GetAttributeAsync("data-crowd"))!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 5);
        await slot.ClickAsync();
        await page.GetByTestId("book-email").FillAsync("phone-caller@example.jp");
        await page.GetByTestId("book-language").SelectOptionAsync("en");
        await Testing.Browser.ScreenshotAsync(page, "staff-bookings-2-book-form");
        await page.GetByTestId("book-submit").ClickAsync();
        var codeEl = page.GetByTestId("booked-code");
        await Assertions.Expect(codeEl).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z0-9]{8}$"), new() { Timeout = 15_000 });
        var code = (await codeEl.TextContentAsync())!;
        await Assertions.Expect(page.GetByTestId("hour-14").GetByTestId($"booking-{code}")).ToHaveAttributeAsync("data-state", "confirmed", Long);
        await Testing.Browser.ScreenshotAsync(page, "staff-bookings-3-booked");

        // Move the resident's earlier booking: pick it from the list, choose a new time.
        await page.GetByTestId($"booking-{moving}").ClickAsync();
        await Assertions.Expect(page.GetByTestId("change-booking")).ToHaveAttributeAsync("data-code", moving);
        await Assertions.Expect(page.GetByTestId("move-slot-1030")).ToBeDisabledAsync(new() { Timeout = 15_000 }); // where it is now
        await page.GetByTestId("move-slot-1530").ClickAsync();
        await page.GetByTestId("move-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sb-message")).ToHaveAttributeAsync("data-kind", "ok", Long);
        await Assertions.Expect(page.GetByTestId("hour-15").GetByTestId($"booking-{moving}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Testing.Browser.ScreenshotAsync(page, "staff-bookings-4-moved");

        // Cancel asks once more before it cancels.
        await page.GetByTestId("cancel-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cancel-submit")).ToHaveAttributeAsync("data-confirm", "true");
        await Testing.Browser.ScreenshotAsync(page, "staff-bookings-5-cancel-confirm");
        (await _system.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{moving}")).GetProperty("state").GetString().ShouldBe("confirmed");
        await page.GetByTestId("cancel-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("change-booking")).ToHaveAttributeAsync("data-state", "cancelled", Long);
        await Assertions.Expect(page.GetByTestId($"booking-{moving}")).ToHaveAttributeAsync("data-state", "cancelled", Long);

        // The server agrees, and the supervisors' log names the staff member for each action.
        var booked = await _system.Http.GetFromJsonAsync<JsonElement>($"/api/bookings/{code}");
        (booked.GetProperty("time").GetString(), booked.GetProperty("procedures")[0].GetString()).ShouldBe(("14:00", "koseki"));
        var audit = await Poll.UntilAsync(
            async () => (await _system.Supervisor.GetFromJsonAsync<JsonElement>($"/api/offices/{office}/audit?limit=20")).EnumerateArray().ToList(),
            a => a.Count >= 3);
        audit.Select(a => (a.GetProperty("action").GetString(), a.GetProperty("number").GetString(), a.GetProperty("staffId").GetString()))
            .ShouldBe([("cancel-booking", moving, "sato"), ("move-booking", moving, "sato"), ("book-visit", code, "sato")], ignoreOrder: true);
    }

    private async Task<string> BookAsync(string office, DateOnly day, string time, string[] procedures)
    {
        var response = await _system.Http.PostAsJsonAsync($"/api/offices/{office}/bookings",
            new { procedures, date = $"{day:yyyy-MM-dd}", time, email = "resident@example.jp" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }
}
