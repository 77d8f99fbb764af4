using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>Simulated users' follow, message and unfollow reach the bot server as LINE sends them: signed webhook bodies.</summary>
public sealed partial class EmulatorWebhooks(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{26}$")]
    private static partial Regex Ulid();

    [Fact]
    public async Task Follow_message_and_unfollow_reach_the_bot_server_signed_with_the_channel_secret()
    {
        var user = EmulatorFixture.NewUserId();

        var follow = await ActAsync(user, "follow");
        var message = await ActAsync(user, "messages", new { text = "住民票はどの窓口ですか？" });
        var unfollow = await ActAsync(user, "unfollow");

        foreach (var (type, eventId) in new[] { ("follow", follow), ("message", message), ("unfollow", unfollow) })
        {
            eventId.ShouldMatch(Ulid().ToString());
            var received = emulator.Receiver.Find(eventId);
            received.ContentType.ShouldStartWith("application/json");
            // Verified here with HMACSHA256 directly, not with the emulator's own LineSignature.
            received.Signature.ShouldBe(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(EmulatorFixture.Secret), received.Body)));

            using var body = JsonDocument.Parse(received.Body);
            body.RootElement.GetProperty("destination").GetString()!.ShouldMatch("^U[0-9a-f]{32}$");
            var e = body.RootElement.GetProperty("events").EnumerateArray().Single();
            e.GetProperty("type").GetString().ShouldBe(type);
            e.GetProperty("mode").GetString().ShouldBe("active");
            e.GetProperty("webhookEventId").GetString().ShouldBe(eventId);
            e.GetProperty("source").GetProperty("type").GetString().ShouldBe("user");
            e.GetProperty("source").GetProperty("userId").GetString().ShouldBe(user);
            e.GetProperty("deliveryContext").GetProperty("isRedelivery").GetBoolean().ShouldBeFalse();
            var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("timestamp").GetInt64());
            (emulator.Clock.GetUtcNow() - timestamp).ShouldBeLessThan(TimeSpan.FromSeconds(30));
            e.TryGetProperty("replyToken", out var token).ShouldBe(type != "unfollow", "unfollow events carry no reply token");
            if (type != "unfollow")
            {
                token.GetString()!.ShouldMatch("^[0-9a-f]{32}$");
            }

            if (type == "message")
            {
                var text = e.GetProperty("message");
                text.GetProperty("type").GetString().ShouldBe("text");
                text.GetProperty("text").GetString().ShouldBe("住民票はどの窓口ですか？");
                text.GetProperty("id").GetString()!.ShouldMatch("^[0-9]{18}$");
                text.GetProperty("quoteToken").GetString().ShouldNotBeNullOrEmpty();
            }
        }

        // Japanese travels as raw UTF-8, like LINE's bodies, not as \u escapes.
        Encoding.UTF8.GetString(emulator.Receiver.Find(message).Body).ShouldContain("住民票はどの窓口ですか？");

        var deliveries = await emulator.GetAsync<List<JsonElement>>($"/emulator/webhooks?user={user}");
        deliveries.Select(d => d.GetProperty("type").GetString()).ShouldBe(["follow", "message", "unfollow"]);
        deliveries.ShouldAllBe(d => d.GetProperty("status").GetInt32() == 200 && d.GetProperty("signatureValid").GetBoolean());

        var users = await emulator.GetAsync<List<JsonElement>>("/emulator/users");
        users.Single(u => u.GetProperty("userId").GetString() == user).GetProperty("state").GetString().ShouldBe("blocked");

        // Following again is an unblock.
        var again = emulator.Receiver.Find(await ActAsync(user, "follow"));
        using var againBody = JsonDocument.Parse(again.Body);
        againBody.RootElement.GetProperty("events")[0].GetProperty("follow").GetProperty("isUnblocked").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Signature_bad_sends_a_signature_that_does_not_verify()
    {
        var user = EmulatorFixture.NewUserId();

        var response = await emulator.Http.PostAsJsonAsync($"/emulator/users/{user}/messages?signature=bad", new { text = "hello" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var eventId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookEventId").GetString()!;
        var received = emulator.Receiver.Find(eventId);
        received.Signature.ShouldNotBeNullOrEmpty();
        received.Signature.ShouldNotBe(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(EmulatorFixture.Secret), received.Body)));
        var delivery = (await emulator.GetAsync<List<JsonElement>>($"/emulator/webhooks?user={user}")).Single();
        delivery.GetProperty("signatureValid").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Reports_what_the_bot_server_answered_and_502_when_it_cannot_be_reached()
    {
        var user = EmulatorFixture.NewUserId();
        emulator.Receiver.Status = 500;
        try
        {
            var failing = await emulator.Http.PostAsync(new Uri($"/emulator/users/{user}/follow", UriKind.Relative), null);
            failing.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await failing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(500);
        }
        finally
        {
            emulator.Receiver.Status = 200;
        }

        var nowhere = $"http://127.0.0.1:{FreePort.Next()}/webhook";
        (await emulator.Http.PostAsJsonAsync("/emulator/webhook", new { url = nowhere })).StatusCode.ShouldBe(HttpStatusCode.OK);
        try
        {
            var unreachable = await emulator.Http.PostAsync(new Uri($"/emulator/users/{user}/unfollow", UriKind.Relative), null);

            unreachable.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
            var body = await unreachable.Content.ReadFromJsonAsync<JsonElement>();
            body.GetProperty("status").ValueKind.ShouldBe(JsonValueKind.Null);
            body.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
            body.GetProperty("webhookEventId").GetString()!.ShouldMatch(Ulid().ToString());
            // The user still blocked the account: only the bot was not told.
            var users = await emulator.GetAsync<List<JsonElement>>("/emulator/users");
            users.Single(u => u.GetProperty("userId").GetString() == user).GetProperty("state").GetString().ShouldBe("blocked");
        }
        finally
        {
            await emulator.Http.PostAsJsonAsync("/emulator/webhook", new { url = emulator.Receiver.Url });
        }

        (await emulator.GetAsync<JsonElement>("/emulator/webhook")).GetProperty("url").GetString().ShouldBe(emulator.Receiver.Url.ToString());
    }

    /// <summary>Posts a user action and returns the webhook event id; the webhook has been answered by then.</summary>
    private async Task<string> ActAsync(string user, string action, object? body = null)
    {
        var response = body is null
            ? await emulator.Http.PostAsync(new Uri($"/emulator/users/{user}/{action}", UriKind.Relative), null)
            : await emulator.Http.PostAsJsonAsync($"/emulator/users/{user}/{action}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("status").GetInt32().ShouldBe(200);
        return result.GetProperty("webhookEventId").GetString()!;
    }
}
