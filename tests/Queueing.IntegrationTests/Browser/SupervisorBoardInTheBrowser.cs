using System.Net.Http.Json;
using Microsoft.Playwright;
using Queueing.Testing;
using Shouldly;
using Xunit;
using static Queueing.IntegrationTests.Browser.BrowserSteps;

namespace Queueing.IntegrationTests.Browser;

/// <summary>The supervisor board in Debian's Chromium: every counter and queue live, the wait alert, counter controls, the audit log.</summary>
public sealed class SupervisorBoardInTheBrowser(SystemFixture fixture) : IClassFixture<SystemFixture>, IAsyncLifetime
{
    private readonly QueueingSystem _system = fixture.System;
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task The_board_shows_counters_and_queues_alerts_on_a_long_wait_and_opens_and_pauses_counters()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var http = _system.Http;

        // Queue B: eight moving-in notifications of about 20 minutes each, far beyond the 30-minute alert.
        for (var i = 0; i < 8; i++)
        {
            await TakeAsync(http, office, "tennyu");
        }

        await TakeAsync(http, office, "juminhyo");
        var token = await TokenAsync(http, CounterUser, CounterPassword);
        await StaffPostOkAsync(http, token, $"/api/offices/{office}/counters/3/open");
        (await StaffPostOkAsync(http, token, $"/api/offices/{office}/counters/3/call-next")).GetProperty("number").GetString().ShouldBe("B-001");

        var board = await _browser.OpenAsync($"{root}/supervisor.html?office={office}", 1920, 1200);
        await SignInAsync(board, SupervisorUser, SupervisorPassword);
        await LiveAsync(board);

        var tile3 = board.GetByTestId("counter-tile-3");
        await Assertions.Expect(tile3).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(tile3).ToHaveAttributeAsync("data-number", "B-001");
        await Assertions.Expect(board.GetByTestId("counter-tile-1")).ToHaveAttributeAsync("data-state", "closed");

        await Assertions.Expect(board.GetByTestId("queue-tile-B")).ToHaveAttributeAsync("data-count", "7");
        await Assertions.Expect(board.GetByTestId("queue-tile-B")).ToHaveAttributeAsync("data-alert", "true");
        await Assertions.Expect(board.GetByTestId("queue-tile-A")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(board.GetByTestId("queue-tile-A")).ToHaveAttributeAsync("data-alert", "false");
        await Assertions.Expect(board.GetByTestId("wait-range-B")).ToContainTextAsync("分");
        await Assertions.Expect(board.GetByTestId("alert")).ToBeVisibleAsync();
        await Assertions.Expect(board.GetByTestId("alert")).ToHaveAttributeAsync("data-queues", "B");
        await Assertions.Expect(board.GetByTestId("audit-log")).ToContainTextAsync("B-001");
        await Testing.Browser.ScreenshotAsync(board, "supervisor-alert");

        // Open counter 1, then pause it; the audit log shows both, newest first.
        await board.GetByTestId("open-1").ClickAsync();
        await Assertions.Expect(board.GetByTestId("counter-tile-1")).ToHaveAttributeAsync("data-state", "open");
        await board.GetByTestId("pause-1").ClickAsync();
        await Assertions.Expect(board.GetByTestId("counter-tile-1")).ToHaveAttributeAsync("data-state", "paused");
        await Assertions.Expect(board.GetByTestId("board-message")).ToHaveAttributeAsync("data-kind", "ok");
        var newest = board.GetByTestId("audit-row").First;
        await Assertions.Expect(newest).ToHaveAttributeAsync("data-action", "pause");
        await Assertions.Expect(newest).ToHaveAttributeAsync("data-counter", "1");
        await Assertions.Expect(newest).ToContainTextAsync(SupervisorUser);

        // Counter 3 still has B-001 at it: pausing is refused, and the board says why.
        await board.GetByTestId("pause-3").ClickAsync();
        await Assertions.Expect(board.GetByTestId("board-message")).ToHaveAttributeAsync("data-status", "409");
        await Assertions.Expect(tile3).ToHaveAttributeAsync("data-state", "open");

        // Staff complete B-001 elsewhere: the board follows live.
        await StaffPostOkAsync(http, token, $"/api/offices/{office}/counters/3/complete");
        await Assertions.Expect(tile3).ToHaveAttributeAsync("data-number", "");
        await Testing.Browser.ScreenshotAsync(board, "supervisor-after-actions");
    }

    [Fact]
    public async Task The_board_counts_failed_notifications_and_the_log_says_why_for_one_ticket()
    {
        var office = _system.NewOfficeId();
        var root = Root(_system);
        var user = "U" + Guid.NewGuid().ToString("N");
        await _system.LineFaultAsync("400", 10, to: user); // LINE refuses this user for good
        var taken = await TakeAsync(_system.Http, office, "juminhyo");
        var number = taken.Number;
        (await _system.Http.PostAsJsonAsync($"/api/tickets/{taken.Token}/line", new { userId = user })).EnsureSuccessStatusCode();
        await TakeAsync(_system.Http, office, "inkan-shomei"); // another ticket, not linked

        var board = await _browser.OpenAsync($"{root}/supervisor.html?office={office}", 1920, 1200);
        await SignInAsync(board, SupervisorUser, SupervisorPassword);
        await Assertions.Expect(board.GetByTestId("notify-failed")).Not.ToHaveAttributeAsync("data-failed", "0", new() { Timeout = 20_000 });
        await board.GetByTestId("notify-subject").FillAsync(number);
        await board.GetByTestId("notify-subject").PressAsync("Enter");
        var failed = board.Locator("[data-testid=notify-row][data-status=failed]").First;
        await Assertions.Expect(failed).ToContainTextAsync(number);
        await Assertions.Expect(failed).ToContainTextAsync("400");
        await Testing.Browser.ScreenshotAsync(board, "supervisor-notifications");
        await _system.ClearLineFaultsAsync();
    }
}
