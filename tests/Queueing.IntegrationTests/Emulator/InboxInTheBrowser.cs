using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>The emulator's phone-like inbox: a resident reads, taps a quick reply, types, and blocks the account.</summary>
public sealed class InboxInTheBrowser(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private Testing.Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Testing.Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task Quick_replies_and_the_message_box_send_message_events_and_block_sends_unfollow()
    {
        var user = EmulatorFixture.NewUserId();
        await emulator.Http.PostAsync(new Uri($"/emulator/users/{user}/follow", UriKind.Relative), null);
        (await emulator.PushAsync(user, new
        {
            type = "text",
            text = "受付番号 A-012 の方、3番窓口へお越しください。",
            quickReply = new { items = new[] { new { type = "action", action = new { type = "message", label = "遅れます / Late", text = "遅れます" } } } },
        })).EnsureSuccessStatusCode();

        var page = await _browser.OpenAsync($"{emulator.BaseAddress}inbox?user={user}&text={Uri.EscapeDataString("A-012 です")}", 420, 860);
        await Assertions.Expect(page.GetByTestId("inbox-chat")).ToContainTextAsync("3番窓口");
        await Assertions.Expect(page.GetByTestId("inbox-friend-state")).ToContainTextAsync("友だち");
        await Assertions.Expect(page.GetByTestId("inbox-text")).ToHaveValueAsync("A-012 です");

        await page.GetByTestId("inbox-quick").GetByRole(AriaRole.Button, new() { Name = "遅れます / Late" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-chat")).ToContainTextAsync("遅れます");
        await Assertions.Expect(page.GetByTestId("inbox-quick")).ToBeEmptyAsync(); // answered: the buttons go away
        await page.GetByTestId("inbox-send").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-chat")).ToContainTextAsync("A-012 です");
        await Testing.Browser.ScreenshotAsync(page, "emulator-inbox-chat");

        await page.GetByTestId("inbox-block").ClickAsync();
        await Assertions.Expect(page.GetByTestId("inbox-friend-state")).ToContainTextAsync("ブロック中");
        await Assertions.Expect(page.GetByTestId("inbox-send")).ToBeDisabledAsync();

        var deliveries = await emulator.GetAsync<List<JsonElement>>($"/emulator/webhooks?user={user}");
        deliveries.Select(d => (d.GetProperty("type").GetString(), d.GetProperty("text").GetString()))
            .ShouldBe([("follow", null), ("message", "遅れます"), ("message", "A-012 です"), ("unfollow", null)]);
        deliveries.ShouldAllBe(d => d.GetProperty("status").GetInt32() == 200);
    }

    [Fact]
    public async Task The_mail_tab_lists_mail_per_address()
    {
        var to = $"mail-tab-{Guid.NewGuid():N}@example.jp";
        using (var smtp = new System.Net.Mail.SmtpClient("127.0.0.1", emulator.SmtpPort))
        {
            await smtp.SendMailAsync(new System.Net.Mail.MailMessage("noreply@city.example.jp", to, "ご予約の確認", "予約番号：K7Q2-91")
            {
                SubjectEncoding = System.Text.Encoding.UTF8,
                BodyEncoding = System.Text.Encoding.UTF8,
            });
        }

        var page = await _browser.OpenAsync($"{emulator.BaseAddress}inbox?tab=mail&address={Uri.EscapeDataString(to)}", 420, 860);

        var mail = page.GetByTestId("inbox-mail");
        await Assertions.Expect(mail).ToContainTextAsync("ご予約の確認");
        await Assertions.Expect(mail).ToContainTextAsync("予約番号：K7Q2-91");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"{to} (1)" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Testing.Browser.ScreenshotAsync(page, "emulator-inbox-mail");
    }
}
