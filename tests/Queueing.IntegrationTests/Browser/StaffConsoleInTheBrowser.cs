using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using Queueing.Testing;
using Shouldly;
using Xunit;
using static Queueing.IntegrationTests.Browser.BrowserSteps;

namespace Queueing.IntegrationTests.Browser;

/// <summary>
/// The staff console in Debian's Chromium: sign-in, the counter's state, every ticket operation by button or keyboard,
/// with the lobby display and the resident's phone following; and what happens without a sign-in.
/// </summary>
public sealed class StaffConsoleInTheBrowser(SystemFixture fixture) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Staff_sign_in_open_call_recall_start_and_complete_while_the_lobby_announces_and_the_phone_follows()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var ticket = await TakeAsync(_system.Http, office, "juminhyo");
        ticket.Number.ShouldBe("A-001");

        var lobby = await _browser.OpenAsync($"{root}/lobby.html?office={office}", 1920, 1080);
        await LiveAsync(lobby);
        var phone = await _browser.OpenAsync(new Uri(new Uri(root), ticket.StatusUrl).ToString(), 390, 844);
        await LiveAsync(phone);

        var staff = await _browser.OpenAsync($"{root}/staff.html?office={office}&counter=1", 1366, 900);
        await Assertions.Expect(staff.GetByTestId("signin")).ToBeVisibleAsync();
        await Testing.Browser.ScreenshotAsync(staff, "staff-signin");
        await SignInAsync(staff, CounterUser, CounterPassword);
        await Assertions.Expect(staff.GetByTestId("staff-name")).ToHaveAttributeAsync("data-staff-id", CounterUser);
        await LiveAsync(staff);

        await staff.GetByTestId("open").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("counter-state")).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(staff.GetByTestId("staff-waiting-A")).ToHaveAttributeAsync("data-count", "1");

        // N: call next.
        await PressAsync(staff, "n");
        await Assertions.Expect(staff.GetByTestId("current-number")).ToHaveAttributeAsync("data-number", "A-001");
        await Assertions.Expect(staff.GetByTestId("current-state")).ToHaveAttributeAsync("data-state", "called");
        await Assertions.Expect(staff.GetByTestId("current-priority")).ToHaveAttributeAsync("data-priority", "walkin");
        await Assertions.Expect(staff.Locator("[data-testid=current-procedures] li[data-current=true]")).ToHaveAttributeAsync("data-code", "juminhyo");
        await Assertions.Expect(staff.GetByTestId("current-bring")).ToContainTextAsync("本人確認書類");
        await Assertions.Expect(staff.GetByTestId("current-recalls")).ToHaveAttributeAsync("data-recalls", "0");
        await Assertions.Expect(staff.GetByTestId("no-show")).ToBeDisabledAsync(); // not before the office's recalls

        await Assertions.Expect(lobby.GetByTestId("recent-call-0")).ToHaveAttributeAsync("data-number", "A-001");
        await Assertions.Expect(lobby.GetByTestId("recent-call-0")).ToHaveAttributeAsync("data-counter", "1");
        await Assertions.Expect(lobby.GetByTestId("recent-call-0")).ToHaveAttributeAsync("data-recalls", "0");
        await Assertions.Expect(lobby.GetByTestId("announcement")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(lobby.GetByTestId("announcement")).ToContainTextAsync("A-001番の方、1番窓口へお越しください");
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "called");
        await Assertions.Expect(phone.GetByTestId("called-counter")).ToHaveTextAsync("1");
        await Testing.Browser.ScreenshotAsync(staff, "staff-called");
        await Testing.Browser.ScreenshotAsync(lobby, "lobby-call");

        // R: recall. The lobby announces it again, as a recall.
        await PressAsync(staff, "r");
        await Assertions.Expect(staff.GetByTestId("current-recalls")).ToHaveAttributeAsync("data-recalls", "1");
        await Assertions.Expect(lobby.GetByTestId("recent-call-0")).ToHaveAttributeAsync("data-recalls", "1");
        await Assertions.Expect(lobby.GetByTestId("announcement")).ToHaveAttributeAsync("data-count", "2");
        await Assertions.Expect(lobby.GetByTestId("announcement")).ToHaveAttributeAsync("data-recall", "true");
        await Assertions.Expect(lobby.GetByTestId("announcement")).ToContainTextAsync("もう一度お呼びします");
        await Testing.Browser.ScreenshotAsync(lobby, "lobby-recall");
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "called");

        // S: start serving.
        await PressAsync(staff, "s");
        await Assertions.Expect(staff.GetByTestId("current-state")).ToHaveAttributeAsync("data-state", "serving");
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "serving");
        await Assertions.Expect(phone.GetByTestId("called-overlay")).ToBeHiddenAsync();
        await Testing.Browser.ScreenshotAsync(staff, "staff-serving");

        // C: complete.
        await PressAsync(staff, "c");
        await Assertions.Expect(staff.GetByTestId("current-number")).ToHaveAttributeAsync("data-number", "");
        await Assertions.Expect(staff.GetByTestId("staff-message")).ToContainTextAsync("A-001");
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "completed");
        await Testing.Browser.ScreenshotAsync(phone, "phone-completed");

        // Nobody left: call next says so.
        await staff.GetByTestId("call-next").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("staff-message")).ToHaveAttributeAsync("data-kind", "info");
        await Assertions.Expect(lobby.GetByTestId("announcement")).ToHaveAttributeAsync("data-count", "2");
    }

    [Fact]
    public async Task Staff_call_a_chosen_number_mark_no_show_after_the_recalls_park_unpark_transfer_return_and_complete_and_call_next()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        for (var i = 0; i < 4; i++)
        {
            await TakeAsync(_system.Http, office, "juminhyo"); // A-001 … A-004
        }

        var staff = await _browser.OpenAsync($"{root}/staff.html?office={office}&counter=2", 1366, 1000);
        await SignInAsync(staff, CounterUser, CounterPassword);
        await LiveAsync(staff);
        var current = staff.GetByTestId("current-number");
        var message = staff.GetByTestId("staff-message");

        // Pause and close are the counter's own states.
        await staff.GetByTestId("open").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("counter-state")).ToHaveAttributeAsync("data-state", "open");
        await staff.GetByTestId("pause").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("counter-state")).ToHaveAttributeAsync("data-state", "paused");
        await staff.GetByTestId("call-next").ClickAsync();
        await Assertions.Expect(message).ToHaveAttributeAsync("data-status", "409"); // not open
        await staff.GetByTestId("open").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("counter-state")).ToHaveAttributeAsync("data-state", "open");

        // Call a chosen number from the list.
        await staff.GetByTestId("call-specific").ClickAsync();
        var list = staff.GetByTestId("ticket-list");
        await Assertions.Expect(list.GetByTestId("ticket-row-A-003")).ToHaveAttributeAsync("data-state", "waiting");
        await Testing.Browser.ScreenshotAsync(staff, "staff-ticket-list");
        await list.GetByTestId("ticket-row-A-003").GetByTestId("call").ClickAsync();
        await Assertions.Expect(current).ToHaveAttributeAsync("data-number", "A-003");

        // Pausing with a ticket at the counter is refused; the 409 says why.
        await staff.GetByTestId("pause").ClickAsync();
        await Assertions.Expect(message).ToHaveAttributeAsync("data-status", "409");

        // No-show: the button waits for the office's recalls; the key asks the server anyway and shows its 409.
        await Assertions.Expect(staff.GetByTestId("no-show")).ToBeDisabledAsync();
        await PressAsync(staff, "x");
        await Assertions.Expect(message).ToHaveAttributeAsync("data-status", "409");
        await Testing.Browser.ScreenshotAsync(staff, "staff-no-show-refused");
        await staff.GetByTestId("recall").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("current-recalls")).ToHaveAttributeAsync("data-recalls", "1");
        await staff.GetByTestId("recall").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("current-recalls")).ToHaveAttributeAsync("data-recalls", "2");
        await Assertions.Expect(staff.GetByTestId("no-show")).ToBeEnabledAsync();
        await staff.GetByTestId("no-show").ClickAsync();
        await Assertions.Expect(current).ToHaveAttributeAsync("data-number", "");
        await Assertions.Expect(message).ToHaveAttributeAsync("data-kind", "ok");

        // P: park the next one; it shows in the list as parked, and unparks from there.
        await PressAsync(staff, "n");
        await Assertions.Expect(current).ToHaveAttributeAsync("data-number", "A-001");
        await PressAsync(staff, "p");
        await Assertions.Expect(current).ToHaveAttributeAsync("data-number", "");
        await Assertions.Expect(list.GetByTestId("ticket-row-A-001")).ToHaveAttributeAsync("data-state", "parked");
        await Testing.Browser.ScreenshotAsync(staff, "staff-parked");
        await list.GetByTestId("ticket-row-A-001").GetByTestId("unpark").ClickAsync();
        await Assertions.Expect(list.GetByTestId("ticket-row-A-001")).ToHaveAttributeAsync("data-state", "waiting");

        // T: transfer to queue B (counter 2 serves B too, so it stays in this counter's list).
        await PressAsync(staff, "n");
        await Assertions.Expect(current).Not.ToHaveAttributeAsync("data-number", "");
        await staff.GetByTestId("transfer-queue").SelectOptionAsync("B");
        await staff.GetByTestId("transfer").ClickAsync();
        await Assertions.Expect(current).ToHaveAttributeAsync("data-number", "");
        await Assertions.Expect(message).ToHaveAttributeAsync("data-kind", "ok");
        await Assertions.Expect(message).ToContainTextAsync("B");

        // Q: return to the queue.
        await PressAsync(staff, "n");
        await Assertions.Expect(current).Not.ToHaveAttributeAsync("data-number", "");
        var returned = (await current.GetAttributeAsync("data-number"))!;
        await PressAsync(staff, "q");
        await Assertions.Expect(current).ToHaveAttributeAsync("data-number", "");
        await Assertions.Expect(list.GetByTestId($"ticket-row-{returned}")).ToHaveAttributeAsync("data-state", "waiting");

        // Complete & call next (button), then Shift+C.
        await PressAsync(staff, "n");
        await Assertions.Expect(current).Not.ToHaveAttributeAsync("data-number", "");
        var first = (await current.GetAttributeAsync("data-number"))!;
        await staff.GetByTestId("complete-next").ClickAsync();
        await Assertions.Expect(current).Not.ToHaveAttributeAsync("data-number", first);
        await Assertions.Expect(current).Not.ToHaveAttributeAsync("data-number", "");
        var second = (await current.GetAttributeAsync("data-number"))!;
        await PressAsync(staff, "Shift+C");
        await Assertions.Expect(current).Not.ToHaveAttributeAsync("data-number", second);
        await Assertions.Expect(current).Not.ToHaveAttributeAsync("data-number", "");
        await Assertions.Expect(message).ToContainTextAsync("をお呼びしました");
        await Testing.Browser.ScreenshotAsync(staff, "staff-complete-next");
    }

    [Fact]
    public async Task Without_a_sign_in_the_console_shows_the_sign_in_form_and_the_api_refuses_calls()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var http = _system.Http;

        // The API: no token, a bad token → 401; a counter account on the supervisor's audit → 403.
        (await http.GetAsync($"/api/offices/{office}/counters/1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.PostAsync($"/api/offices/{office}/counters/1/call-next", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StaffPostAsync(http, "not-a-token", $"/api/offices/{office}/counters/1/open")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        var counterToken = await TokenAsync(http, CounterUser, CounterPassword);
        using (var audit = new HttpRequestMessage(HttpMethod.Get, $"/api/offices/{office}/audit?limit=50"))
        {
            audit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", counterToken);
            (await http.SendAsync(audit)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        // The page: only the sign-in form; a wrong password says so.
        var staff = await _browser.OpenAsync($"{root}/staff.html?office={office}&counter=1");
        await Assertions.Expect(staff.GetByTestId("signin")).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByTestId("call-next")).ToBeHiddenAsync();
        await Assertions.Expect(staff.Locator("body")).ToHaveAttributeAsync("data-signed-in", "false");
        await staff.GetByTestId("signin-user").FillAsync(CounterUser);
        await staff.GetByTestId("signin-password").FillAsync("wrong-password");
        await staff.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("signin-message")).ToHaveAttributeAsync("data-status", "401");
        await Assertions.Expect(staff.GetByTestId("signin-message")).ToContainTextAsync("パスワードが違います");
        await Testing.Browser.ScreenshotAsync(staff, "staff-signin-refused");

        // Signed in, then out: back to the form, and the token is gone from the tab.
        await SignInAsync(staff, CounterUser, CounterPassword);
        await Assertions.Expect(staff.GetByTestId("call-next")).ToBeVisibleAsync();
        await staff.GetByTestId("signout").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("signin")).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByTestId("call-next")).ToBeHiddenAsync();
        (await staff.EvaluateAsync<string?>("() => sessionStorage.getItem('matanai.staff.session')")).ShouldBeNull();

        // A token the server no longer accepts: the first 401 brings the form back with a note.
        await staff.EvaluateAsync(
            "() => sessionStorage.setItem('matanai.staff.session', JSON.stringify({ token: 'expired.or.forged', expiresAt: new Date(Date.now() + 3600000).toISOString(), staff: { id: 'sato', name: '佐藤', role: 'counter', offices: ['*'] } }))");
        await staff.ReloadAsync();
        await Assertions.Expect(staff.GetByTestId("signin")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 15_000 });
        await Assertions.Expect(staff.GetByTestId("signin-message")).ToContainTextAsync("もう一度サインイン");

        // Counter staff cannot use the supervisor board.
        var board = await _browser.OpenAsync($"{root}/supervisor.html?office={office}", 1600, 1000);
        await board.GetByTestId("signin-user").FillAsync(CounterUser);
        await board.GetByTestId("signin-password").FillAsync(CounterPassword);
        await board.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(board.GetByTestId("signin-message")).ToContainTextAsync("監督者");
        await Assertions.Expect(board.Locator("body")).ToHaveAttributeAsync("data-signed-in", "false");
        await Assertions.Expect(board.GetByTestId("audit-log")).ToBeHiddenAsync();
    }
}
