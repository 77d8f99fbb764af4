using MassTransit;
using Microsoft.Playwright;
using Queueing.Contracts.Reservations;
using Queueing.IntegrationTests.Bookings;
using Queueing.IntegrationTests.Engine;
using Queueing.Testing;
using Shouldly;
using Xunit;
using static Queueing.IntegrationTests.Browser.BrowserSteps;

namespace Queueing.IntegrationTests.Browser;

/// <summary>
/// The whole booked visit in one piece, in Debian's Chromium: the guide (life event → procedures → slot) gives a code;
/// on the day, at the slot time, the kiosk checks the code in; staff call next in the console; the resident's phone
/// page (the link from the check-in) says "called" to that counter.
/// </summary>
[Collection(nameof(ClockCollection))]
public sealed class BookingToCounterInTheBrowser(ClockSystemFixture fixture) : IClassFixture<ClockSystemFixture>, IAsyncLifetime
{
    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_resident_books_in_the_guide_checks_in_at_the_kiosk_and_is_called_to_the_counter_on_the_phone()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var day = BookingDays.NextOpenDay(_system.Clock.GetUtcNow(), 1);

        await using var events = await EventTap.StartAsync(_system.Gateway.Get<IBus>(), EventTap.Of<BookingConfirmed>(), EventTap.Of<BookingCheckedIn>());

        // At home (the page in English): moving in → its procedures → a slot → the code.
        var book = await _browser.OpenAsync($"{root}/book.html?office={office}&lang=en", 1280, 1000);
        await book.GetByTestId("event-tennyu").ClickAsync();
        await Assertions.Expect(book.GetByTestId("procedure-tennyu")).ToBeCheckedAsync();
        await book.GetByTestId("next").ClickAsync();
        var slot = book.GetByTestId($"slot-{day:yyyy-MM-dd}-1000");
        await Assertions.Expect(slot).ToBeEnabledAsync(new() { Timeout = 15_000 });
        await slot.ClickAsync();
        await Assertions.Expect(book.GetByTestId("language")).ToHaveValueAsync("en");
        await book.GetByTestId("confirm").ClickAsync();
        var codeEl = book.GetByTestId("booking-code");
        await Assertions.Expect(codeEl).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z0-9]{8}$"), new() { Timeout = 15_000 });
        var code = (await codeEl.TextContentAsync())!;
        (await events.WaitAsync<BookingConfirmed>(e => e.Code == code)).Single().Language.ShouldBe("en");

        // The day of the visit, a quarter of an hour before the slot: the kiosk checks the code in.
        _system.Clock.Advance(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 45)), TimeSpan.FromHours(9)) - _system.Clock.GetUtcNow());
        var kiosk = await _browser.OpenAsync($"{root}/kiosk.html?office={office}", 1080, 1920);
        await kiosk.GetByTestId("booking-code-input").FillAsync(code);
        await kiosk.GetByTestId("booking-checkin").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("ticket-number")).ToHaveTextAsync("B-001", new() { Timeout = 15_000 }); // 転入 is handled in queue B
        var statusUrl = await kiosk.GetByTestId("status-link").GetAttributeAsync("href");
        statusUrl.ShouldNotBeNull().ShouldContain("ticket.html?token=");
        await Testing.Browser.ScreenshotAsync(kiosk, "path-1-kiosk-checked-in");
        (await events.WaitAsync<BookingCheckedIn>(e => e.Code == code)).Single().TicketNumber.ShouldBe("B-001");

        // The resident follows the turn on the phone.
        var phone = await _browser.OpenAsync(statusUrl, 390, 844);
        await LiveAsync(phone);
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "waiting", Long);

        // Staff open counter 2 (it serves queue B) and call next.
        var staff = await _browser.OpenAsync($"{root}/staff.html?office={office}&counter=2", 1280, 900);
        await SignInAsync(staff, CounterUser, CounterPassword);
        await staff.GetByTestId("open").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("counter-state")).ToHaveAttributeAsync("data-state", "open", Long);
        await staff.GetByTestId("call-next").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("current-number")).ToHaveAttributeAsync("data-number", "B-001", Long);
        await Assertions.Expect(staff.GetByTestId("current-priority")).ToHaveAttributeAsync("data-priority", "booking");

        // The phone says: called, to counter 2.
        await Assertions.Expect(phone.GetByTestId("called-overlay")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(phone.GetByTestId("called-counter")).ToHaveAttributeAsync("data-counter", "2");
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "called");
        await Testing.Browser.ScreenshotAsync(phone, "path-2-phone-called");
        await Testing.Browser.ScreenshotAsync(staff, "path-3-staff-called");
    }
}
