using Microsoft.Playwright;
using Queueing.IntegrationTests.Bookings;
using Queueing.Testing;
using Shouldly;
using Xunit;
using static Queueing.IntegrationTests.Browser.BrowserSteps;

namespace Queueing.IntegrationTests.Browser;

/// <summary>
/// Booking a visit as residents see it, in Debian's Chromium: a life event picks the procedures and lists what to bring,
/// the calendar shows crowd levels, booking shows the code, QR code and calendar link, and the manage page cancels it.
/// </summary>
public sealed class BookingInTheBrowser(SystemFixture fixture) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_resident_moving_in_books_a_quiet_slot_and_then_cancels_it_on_the_manage_page()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 2);
        var slotId = $"slot-{day:yyyy-MM-dd}-1000";

        var page = await _browser.OpenAsync($"{root}/book.html?office={office}", 1280, 1000);
        await page.GetByTestId("event-tennyu").ClickAsync();
        await Assertions.Expect(page.GetByTestId("event-tennyu")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("procedure-tennyu")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("procedure-juminhyo")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("procedure-koseki")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("bring-list")).ToContainTextAsync("転出証明書");
        await Assertions.Expect(page.GetByTestId("bring-list")).ToContainTextAsync("手数料 1通300円");
        (await page.GetByTestId("bring-list").Locator("li .ja", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^本人確認書類$") }).CountAsync()).ShouldBe(1); // tennyu and juminhyo: listed once
        await Assertions.Expect(page.GetByTestId("queue-list").Locator("li[data-queue]")).ToHaveCountAsync(2);
        await Testing.Browser.ScreenshotAsync(page, "book-1-procedures");

        await page.GetByTestId("next").ClickAsync();
        var slot = page.GetByTestId(slotId);
        await Assertions.Expect(slot).ToBeEnabledAsync(new() { Timeout = 15_000 });
        int.Parse((await slot.GetAttributeAsync("data-crowd"))!).ShouldBeInRange(1, 5);
        await Assertions.Expect(page.GetByTestId("quiet-list").Locator("button")).Not.ToHaveCountAsync(0);
        (await page.Locator("[data-testid^=slot-]").CountAsync()).ShouldBeGreaterThan(17); // more than one open day
        await Testing.Browser.ScreenshotAsync(page, "book-2-calendar");

        await slot.ClickAsync();
        await Assertions.Expect(slot).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("chosen-slot")).ToContainTextAsync("10:00");
        await page.GetByTestId("email").FillAsync("resident@example.jp");
        await Testing.Browser.ScreenshotAsync(page, "book-3-confirm");
        await page.GetByTestId("confirm").ClickAsync();

        var codeEl = page.GetByTestId("booking-code");
        await Assertions.Expect(codeEl).Not.ToBeEmptyAsync(new() { Timeout = 15_000 });
        var code = (await codeEl.TextContentAsync())!.Trim();
        code.Length.ShouldBe(8);
        await Assertions.Expect(page.GetByTestId("booking-qr")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=booking-qr]').naturalWidth > 0");
        (await page.GetByTestId("calendar-link").GetAttributeAsync("href")).ShouldNotBeNull().ShouldContain($"/api/bookings/{code}/calendar.ics");
        var manage = await page.GetByTestId("manage-link").GetAttributeAsync("href");
        manage.ShouldBe($"booking.html?code={code}");
        await Testing.Browser.ScreenshotAsync(page, "book-4-booked");

        var phone = await _browser.OpenAsync($"{root}/{manage}", 390, 844);
        await Assertions.Expect(phone.GetByTestId("booking-state")).ToHaveAttributeAsync("data-state", "confirmed", Long);
        await Assertions.Expect(phone.GetByTestId("booking-when")).ToHaveAttributeAsync("data-date", $"{day:yyyy-MM-dd}");
        await Assertions.Expect(phone.GetByTestId("booking-when")).ToHaveAttributeAsync("data-time", "10:00");
        await Assertions.Expect(phone.GetByTestId("booking-procedures")).ToContainTextAsync("転入届");
        await Assertions.Expect(phone.GetByTestId("check-in")).ToBeVisibleAsync();
        await Testing.Browser.ScreenshotAsync(phone, "booking-5-manage");

        await phone.GetByTestId("cancel").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("cancel-confirm")).ToBeVisibleAsync();
        await Testing.Browser.ScreenshotAsync(phone, "booking-6-cancel-confirm");
        await phone.GetByTestId("cancel-confirm").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("booking-state")).ToHaveAttributeAsync("data-state", "cancelled", Long);
        await Assertions.Expect(phone.GetByTestId("booking-message")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("check-in")).ToBeHiddenAsync();
        await Assertions.Expect(phone.GetByTestId("cancel")).ToBeHiddenAsync();
        await Testing.Browser.ScreenshotAsync(phone, "booking-7-cancelled");

        // The server agrees.
        var stored = await _system.Http.GetStringAsync($"/api/bookings/{code}");
        stored.ShouldContain("\"cancelled\"");
    }
}
