using Microsoft.Playwright;
using Queueing.Testing;
using Shouldly;
using Xunit;
using static Queueing.IntegrationTests.Browser.BrowserSteps;

namespace Queueing.IntegrationTests.Browser;

/// <summary>
/// LINE as a resident meets it, in Chromium: the phone page's green button opens LINE (the emulator's chat) with the
/// link code typed in; after one tap on send, the turn messages arrive there, and the survey is one more tap.
/// </summary>
public sealed class LineInTheBrowser(SystemFixture fixture) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    /// <summary>A chat message crosses LINE, the Gateway, RabbitMQ and Notification, and the inbox refreshes every 2 s.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 20_000 };

    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task The_phone_pages_LINE_button_links_the_ticket_and_the_called_message_and_survey_follow_in_LINE()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");

        var phone = await _browser.OpenAsync($"{root}/ticket.html?token={ticket.Token}", 390, 844);
        await LiveAsync(phone);
        await phone.WaitForFunctionAsync("() => document.querySelector('[data-testid=line-qr]').naturalWidth > 0");
        await Testing.Browser.ScreenshotAsync(phone, "phone-line-box");
        var href = await phone.GetByTestId("line-open").GetAttributeAsync("href");
        href.ShouldNotBeNull();
        href.ShouldContain(Uri.EscapeDataString($"連携 {ticket.Token}"));

        // The resident's own LINE (one user per test run, so nothing else is in the chat).
        var user = "U" + Guid.NewGuid().ToString("N");
        var line = await _browser.OpenAsync(href.Replace("user=Udemo0001", $"user={user}", StringComparison.Ordinal), 420, 860);
        await Assertions.Expect(line.GetByTestId("inbox-text")).ToHaveValueAsync($"連携 {ticket.Token}");
        await line.GetByTestId("inbox-follow").ClickAsync();
        await Assertions.Expect(line.GetByTestId("inbox-chat")).ToContainTextAsync("友だち追加ありがとうございます", Slow);
        await line.GetByTestId("inbox-send").ClickAsync();
        await Assertions.Expect(line.GetByTestId("inbox-chat")).ToContainTextAsync($"{ticket.Number}番で受け付けました", Slow);

        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");
        await Assertions.Expect(line.GetByTestId("inbox-chat")).ToContainTextAsync($"{ticket.Number}番の方、1番窓口へお越しください", Slow);
        await Assertions.Expect(phone.GetByTestId("ticket-state")).ToHaveAttributeAsync("data-state", "called");

        await _system.Staff.ActAsync(office, "1", "start");
        await _system.Staff.CompleteAsync(office, "1");
        await Assertions.Expect(line.GetByTestId("inbox-chat")).ToContainTextAsync("ご来庁ありがとうございました", Slow);
        await line.GetByTestId("inbox-quick").GetByRole(AriaRole.Button, new() { Name = "とても満足" }).ClickAsync();
        await Assertions.Expect(line.GetByTestId("inbox-chat")).ToContainTextAsync("ご回答ありがとうございました", Slow);
        await Testing.Browser.ScreenshotAsync(line, "line-chat");
    }
}
