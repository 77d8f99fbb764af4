using Microsoft.Playwright;
using Queueing.Testing;
using Shouldly;
using Xunit;
using static Queueing.IntegrationTests.Browser.BrowserSteps;

namespace Queueing.IntegrationTests.Browser;

/// <summary>
/// The walk-in path as residents see it, in Debian's Chromium: a kiosk ticket called from the staff console shows on
/// the lobby display and the phone; on the phone a resident asks for more time or cancels; a one-stop visit moves on
/// to its next procedure.
/// </summary>
public sealed class WalkInInTheBrowser(SystemFixture fixture) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_kiosk_ticket_is_called_from_the_staff_console_and_shows_on_the_lobby_and_the_phone()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);

        var lobby = await _browser.OpenAsync($"{root}/lobby.html?office={office}", 1920, 1080);
        await LiveAsync(lobby);
        await Assertions.Expect(lobby.GetByTestId("no-calls")).ToBeVisibleAsync();

        var kiosk = await _browser.OpenAsync($"{root}/kiosk.html?office={office}", 1080, 1920);
        await kiosk.GetByTestId("needs-assistance").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("needs-assistance")).ToHaveAttributeAsync("aria-pressed", "true");
        await Testing.Browser.ScreenshotAsync(kiosk, "kiosk-assistance");
        await kiosk.GetByTestId("procedure-juminhyo").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("ticket-number")).ToContainTextAsync("A-001");
        await Assertions.Expect(kiosk.GetByTestId("ticket-assistance")).ToBeVisibleAsync();
        await Assertions.Expect(kiosk.GetByTestId("ticket-qr")).ToBeVisibleAsync();
        await kiosk.WaitForFunctionAsync("() => document.querySelector('[data-testid=ticket-qr]').naturalWidth > 0");
        await Testing.Browser.ScreenshotAsync(kiosk, "kiosk-ticket");
        var statusUrl = await kiosk.GetByTestId("status-link").GetAttributeAsync("href");
        statusUrl.ShouldNotBeNull();
        statusUrl.ShouldContain("/ticket.html?token=");

        var phone = await _browser.OpenAsync(new Uri(new Uri(root), statusUrl).ToString(), 390, 844);
        await LiveAsync(phone);
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "waiting");
        await Testing.Browser.ScreenshotAsync(phone, "phone-waiting");

        await Assertions.Expect(lobby.GetByTestId("waiting-A")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(lobby.GetByTestId("wait-range-A")).ToContainTextAsync("分");

        var staff = await _browser.OpenAsync($"{root}/staff.html?office={office}&counter=1");
        await SignInAsync(staff, CounterUser, CounterPassword);
        await LiveAsync(staff);
        await staff.GetByTestId("open").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("counter-state")).ToHaveAttributeAsync("data-state", "open");
        await staff.GetByTestId("call-next").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("current-number")).ToHaveAttributeAsync("data-number", "A-001");
        await Assertions.Expect(staff.GetByTestId("current-priority")).ToHaveAttributeAsync("data-priority", "assistance");

        await Assertions.Expect(lobby.GetByTestId("recent-call-0")).ToHaveAttributeAsync("data-number", "A-001");
        await Assertions.Expect(lobby.GetByTestId("recent-call-0")).ToHaveAttributeAsync("data-counter", "1");
        await Testing.Browser.ScreenshotAsync(lobby, "lobby-called");
        (await lobby.ContentAsync()).ShouldNotContain(statusUrl.Split("token=")[1]);

        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "called");
        await Assertions.Expect(phone.GetByTestId("called-counter")).ToHaveTextAsync("1");
        await Testing.Browser.ScreenshotAsync(phone, "phone-called");

        await staff.GetByTestId("complete").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "completed");
        await Assertions.Expect(phone.GetByTestId("completed")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_the_phone_a_resident_asks_for_more_time_until_none_is_left_and_then_cancels_after_confirming()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var http = _system.Http;
        var tickets = new List<Taken>();
        for (var i = 0; i < 6; i++)
        {
            tickets.Add(await TakeAsync(http, office, "juminhyo"));
        }

        var mine = tickets[1]; // A-002, second in line
        var phone = await _browser.OpenAsync(new Uri(new Uri(root), mine.StatusUrl).ToString(), 390, 844);
        await LiveAsync(phone);
        var position = phone.GetByTestId("ticket-position");
        await Assertions.Expect(position).ToHaveAttributeAsync("data-position", "2");
        await Assertions.Expect(phone.GetByTestId("wait-range")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("postpones-left")).ToHaveAttributeAsync("data-left", "2");
        await Testing.Browser.ScreenshotAsync(phone, "phone-before-postpone");

        await phone.GetByTestId("postpone").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("postpones-left")).ToHaveAttributeAsync("data-left", "1");
        int.Parse((await position.GetAttributeAsync("data-position"))!).ShouldBeGreaterThan(2);
        await Assertions.Expect(phone.GetByTestId("action-message")).ToBeVisibleAsync();
        await Testing.Browser.ScreenshotAsync(phone, "phone-postponed");

        await phone.GetByTestId("postpone").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("postpone")).ToBeHiddenAsync(); // none left
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "waiting");

        // The server refuses a third one too (the button is gone, so ask it directly).
        var refused = await http.PostAsync($"/api/tickets/{mine.Token}/postpone", null);
        ((int)refused.StatusCode).ShouldBe(409, await refused.Content.ReadAsStringAsync());

        // Cancel needs a second tap; "keep my turn" backs out.
        await phone.GetByTestId("cancel").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("cancel-confirm")).ToBeVisibleAsync();
        await Testing.Browser.ScreenshotAsync(phone, "phone-cancel-confirm");
        await phone.GetByTestId("cancel-back").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("cancel-confirm")).ToBeHiddenAsync();
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "waiting");

        await phone.GetByTestId("cancel").ClickAsync();
        await phone.GetByTestId("cancel-confirm").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "cancelled");
        await Assertions.Expect(phone.GetByTestId("cancel")).ToBeHiddenAsync();
        await Assertions.Expect(phone.GetByTestId("postpone")).ToBeHiddenAsync();
        await Assertions.Expect(phone.GetByTestId("state-note")).ToBeVisibleAsync();
        await Testing.Browser.ScreenshotAsync(phone, "phone-cancelled");
    }

    [Fact]
    public async Task A_one_stop_visit_shows_its_next_procedure_on_the_phone_after_the_first_is_completed()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var http = _system.Http;
        var visit = await TakeAsync(http, office, "tennyu", "juminhyo");
        visit.Number.ShouldStartWith("B-");

        var phone = await _browser.OpenAsync(new Uri(new Uri(root), visit.StatusUrl).ToString(), 390, 844);
        await LiveAsync(phone);
        await Assertions.Expect(phone.GetByTestId("visit-procedures")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("next-procedure")).ToBeHiddenAsync();

        var token = await TokenAsync(http, CounterUser, CounterPassword);
        await StaffPostOkAsync(http, token, $"/api/offices/{office}/counters/3/open");
        (await StaffPostOkAsync(http, token, $"/api/offices/{office}/counters/3/call-next")).GetProperty("number").GetString().ShouldBe(visit.Number);
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "called");
        await StaffPostOkAsync(http, token, $"/api/offices/{office}/counters/3/start");
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "serving");
        await Testing.Browser.ScreenshotAsync(phone, "phone-serving");

        var completed = await StaffPostOkAsync(http, token, $"/api/offices/{office}/counters/3/complete");
        completed.GetProperty("next").GetProperty("queue").GetString().ShouldBe("A");

        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "waiting");
        await Assertions.Expect(phone.GetByTestId("next-procedure")).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("next-procedure")).ToHaveAttributeAsync("data-code", "juminhyo");
        await Assertions.Expect(phone.GetByTestId("next-procedure")).ToContainTextAsync("住民票");
        await Assertions.Expect(phone.Locator("[data-testid=visit-procedures] li[data-code=tennyu]")).ToHaveAttributeAsync("data-step", "done");
        await Testing.Browser.ScreenshotAsync(phone, "phone-next-procedure");
    }
}
