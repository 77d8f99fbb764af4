using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>The reply API: tokens from webhook events, single use, one minute; quick replies validated like LINE does.</summary>
public sealed class EmulatorReplies(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_reply_token_works_once()
    {
        var user = EmulatorFixture.NewUserId();
        var token = await MessageTokenAsync(user, "番号を教えてください");

        var first = await ReplyAsync(token, "受付番号は A-012 です。");
        var second = await ReplyAsync(token, "もう一度");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sentMessages").GetArrayLength().ShouldBe(1);
        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().ShouldBe("Invalid reply token");

        var replies = await emulator.GetAsync<List<JsonElement>>($"/emulator/replies?to={user}");
        replies.Single().GetProperty("texts").EnumerateArray().Single().GetString().ShouldBe("受付番号は A-012 です。");
        replies.Single().GetProperty("replyToken").GetString().ShouldBe(token);
    }

    [Fact]
    public async Task A_reply_token_expires_after_one_minute()
    {
        var user = EmulatorFixture.NewUserId();
        var early = await MessageTokenAsync(user, "一通目");
        var late = await MessageTokenAsync(user, "二通目");

        emulator.Clock.Advance(TimeSpan.FromSeconds(55));
        (await ReplyAsync(early, "まだ間に合います")).StatusCode.ShouldBe(HttpStatusCode.OK);

        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        var expired = await ReplyAsync(late, "遅すぎます");
        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().ShouldBe("Invalid reply token");
        (await emulator.GetAsync<List<JsonElement>>($"/emulator/replies?to={user}")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_reply_needs_the_channel_access_token_and_an_invalid_body_does_not_use_up_the_token()
    {
        var user = EmulatorFixture.NewUserId();
        var token = await MessageTokenAsync(user, "こんにちは");

        using var anonymous = new HttpClient { BaseAddress = emulator.BaseAddress };
        var unauthorized = await anonymous.PostAsJsonAsync("/v2/bot/message/reply", new { replyToken = token, messages = new[] { new { type = "text", text = "x" } } });
        var invalid = await emulator.Http.PostAsJsonAsync("/v2/bot/message/reply", new { replyToken = token, messages = Array.Empty<object>() });
        var valid = await ReplyAsync(token, "こんにちは！");

        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details")[0].GetProperty("property").GetString().ShouldBe("messages");
        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Quick_replies_allow_13_items_and_refuse_14_or_long_labels()
    {
        var user = EmulatorFixture.NewUserId();

        var thirteen = await emulator.PushAsync(user, TextWithQuickReplies(13));
        var fourteen = await emulator.PushAsync(user, TextWithQuickReplies(14));
        var longLabel = await emulator.PushAsync(user, TextWithQuickReplies(1, label: new string('長', 21)));

        thirteen.StatusCode.ShouldBe(HttpStatusCode.OK);
        fourteen.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = (await fourteen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details").EnumerateArray().Single();
        detail.GetProperty("property").GetString().ShouldBe("messages[0].quickReply.items");
        detail.GetProperty("message").GetString().ShouldBe("Size must be between 1 and 13");
        longLabel.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await longLabel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details")[0].GetProperty("property").GetString()
            .ShouldBe("messages[0].quickReply.items[0].action.label");

        // Only the valid push was stored, with its buttons.
        var push = (await emulator.GetAsync<List<JsonElement>>($"/emulator/pushes?to={user}")).Single();
        var buttons = push.GetProperty("quickReply").EnumerateArray().ToList();
        buttons.Count.ShouldBe(13);
        buttons[12].GetProperty("label").GetString().ShouldBe("選択 13");
        buttons[12].GetProperty("text").GetString().ShouldBe("choice-13");
    }

    private static object TextWithQuickReplies(int count, string? label = null) => new
    {
        type = "text",
        text = "どちらにしますか？",
        quickReply = new
        {
            items = Enumerable.Range(1, count).Select(i => new
            {
                type = "action",
                action = new { type = "message", label = label ?? $"選択 {i}", text = $"choice-{i}" },
            }),
        },
    };

    /// <summary>Has the user send <paramref name="text"/> and returns the reply token the bot server received.</summary>
    private async Task<string> MessageTokenAsync(string user, string text)
    {
        var response = await emulator.Http.PostAsJsonAsync($"/emulator/users/{user}/messages", new { text });
        var eventId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookEventId").GetString()!;
        using var body = JsonDocument.Parse(emulator.Receiver.Find(eventId).Body);
        return body.RootElement.GetProperty("events")[0].GetProperty("replyToken").GetString()!;
    }

    private async Task<HttpResponseMessage> ReplyAsync(string replyToken, string text) =>
        await emulator.Http.PostAsJsonAsync("/v2/bot/message/reply", new { replyToken, messages = new[] { new { type = "text", text } } });
}
