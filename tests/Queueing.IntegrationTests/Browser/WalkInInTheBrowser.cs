using Microsoft.Playwright;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Browser;

/// <summary>
/// The walk-in path as people see it, in Debian's Chromium: a ticket taken on the kiosk is called from the
/// staff console and appears on the lobby display and on the resident's phone page.
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
        var root = _system.GatewayAddress.ToString().TrimEnd('/');

        var lobby = await _browser.OpenAsync($"{root}/lobby.html?office={office}", 1920, 1080);
        await Live(lobby);

        var kiosk = await _browser.OpenAsync($"{root}/kiosk.html?office={office}", 1080, 1920);
        await kiosk.GetByTestId("procedure-juminhyo").ClickAsync();
        await Assertions.Expect(kiosk.GetByTestId("ticket-number")).ToContainTextAsync("A-001");
        await Assertions.Expect(kiosk.GetByTestId("ticket-qr")).ToBeVisibleAsync();
        await kiosk.WaitForFunctionAsync("() => document.querySelector('[data-testid=ticket-qr]').naturalWidth > 0");
        await Testing.Browser.ScreenshotAsync(kiosk, "kiosk-ticket");
        var statusUrl = await kiosk.GetByTestId("status-link").GetAttributeAsync("href");
        statusUrl.ShouldNotBeNull();
        statusUrl.ShouldContain("/ticket.html?token=");

        var phone = await _browser.OpenAsync(new Uri(new Uri(root), statusUrl).ToString(), 390, 844);
        await Live(phone);
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "waiting");
        await Testing.Browser.ScreenshotAsync(phone, "phone-waiting");

        await Assertions.Expect(lobby.GetByTestId("waiting-A")).ToContainTextAsync("1");

        var staff = await _browser.OpenAsync($"{root}/staff.html?office={office}&counter=1");
        await Live(staff);
        await staff.GetByTestId("open").ClickAsync();
        await staff.GetByTestId("call-next").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("current-number")).ToContainTextAsync("A-001");
        await Testing.Browser.ScreenshotAsync(staff, "staff-called");

        await Assertions.Expect(lobby.GetByTestId("serving-1")).ToContainTextAsync("A-001");
        await Testing.Browser.ScreenshotAsync(lobby, "lobby-called");
        (await lobby.ContentAsync()).ShouldNotContain(statusUrl.Split("token=")[1]);

        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "called");
        await Assertions.Expect(phone.GetByTestId("called-counter")).ToContainTextAsync("1");
        await Testing.Browser.ScreenshotAsync(phone, "phone-called");

        await staff.GetByTestId("complete").ClickAsync();
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "completed");
    }

    private static Task Live(IPage page) =>
        Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true", new LocatorAssertionsToHaveAttributeOptions { Timeout = 15_000 });
}
