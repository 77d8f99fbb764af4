using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Queueing.Gateway.Notifications;

namespace Queueing.Testing;

/// <summary>Stats of the LINE emulator's push endpoint.</summary>
public sealed record LineStats(long Accepted, long DuplicatesRejected, long FaultsInjected, long Unauthorized, long InvalidRequests);

/// <summary>A reply the emulator accepted (answers to webhook events).</summary>
public sealed record LineReply(string To, List<string> Texts, string ReplyToken, DateTimeOffset ReceivedAt);

/// <summary>A mail the emulator's SMTP sink received.</summary>
public sealed record SinkMail(string MessageId, string From, List<string> To, string Subject, string Body, DateTimeOffset ReceivedAt);

/// <summary>Driving the LINE platform side in tests: faults, stats, and webhook calls signed like LINE signs them.</summary>
public static class LinePlatform
{
    /// <summary>Makes the emulator misbehave for the next <paramref name="count"/> pushes (429, 500, slow, drop, accept-then-drop, 400).</summary>
    public static async Task LineFaultAsync(this QueueingSystem system, string mode, int count, int? delayMs = null, string? to = null)
    {
        using var client = system.Line.CreateClient();
        var response = await client.PostAsJsonAsync(new Uri("/emulator/faults", UriKind.Relative), new { mode, count, delayMs, to });
        response.EnsureSuccessStatusCode();
    }

    public static async Task ClearLineFaultsAsync(this QueueingSystem system)
    {
        using var client = system.Line.CreateClient();
        (await client.DeleteAsync(new Uri("/emulator/faults", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    public static async Task<LineStats> LineStatsAsync(this QueueingSystem system)
    {
        using var client = system.Line.CreateClient();
        return (await client.GetFromJsonAsync<LineStats>(new Uri("/emulator/stats", UriKind.Relative)))!;
    }

    /// <summary>Every push the emulator accepted (all users).</summary>
    public static async Task<List<LinePush>> AllLinePushesAsync(this QueueingSystem system)
    {
        using var client = system.Line.CreateClient();
        return (await client.GetFromJsonAsync<List<LinePush>>(new Uri("/emulator/pushes", UriKind.Relative)))!;
    }

    /// <summary>A simulated LINE user acts in the emulator (follow, unfollow, messages), which sends the signed webhook to the Gateway.</summary>
    public static async Task<int?> LineUserAsync(this QueueingSystem system, string userId, string action, string? text = null)
    {
        using var client = system.Line.CreateClient();
        var response = await client.PostAsJsonAsync(new Uri($"/emulator/users/{userId}/{action}", UriKind.Relative), new { text });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null;
    }

    public static async Task<List<LineReply>> LineRepliesAsync(this QueueingSystem system, string to)
    {
        using var client = system.Line.CreateClient();
        return (await client.GetFromJsonAsync<List<LineReply>>(new Uri($"/emulator/replies?to={to}", UriKind.Relative)))!;
    }

    public static async Task<List<SinkMail>> MailAsync(this QueueingSystem system, string to)
    {
        using var client = system.Line.CreateClient();
        return (await client.GetFromJsonAsync<List<SinkMail>>(new Uri($"/emulator/mail?to={Uri.EscapeDataString(to)}", UriKind.Relative)))!;
    }

    /// <summary>Makes the SMTP sink refuse the next mails: 421 (temporary) or 550 (permanent).</summary>
    public static async Task SmtpFaultAsync(this QueueingSystem system, string mode, int count, string? to = null)
    {
        using var client = system.Line.CreateClient();
        var response = await client.PostAsJsonAsync(new Uri("/emulator/faults", UriKind.Relative), new { channel = "smtp", mode, count, to });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts a webhook body to the Gateway the way LINE does: signed with the channel secret (or with <paramref name="signature"/>).</summary>
    public static async Task<HttpResponseMessage> PostLineWebhookAsync(this QueueingSystem system, string body, string? signature = null, bool sign = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/line/webhook", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (sign)
        {
            request.Headers.Add("x-line-signature", signature ?? LineSignature.Compute(QueueingSystem.LineSecret, Encoding.UTF8.GetBytes(body)));
        }

        return await system.Http.SendAsync(request);
    }

    /// <summary>A webhook body with one event from a user, in LINE's format.</summary>
    public static string WebhookBody(string type, string userId, string? text = null, string? eventId = null)
    {
        var e = new Dictionary<string, object?>
        {
            ["type"] = type,
            ["mode"] = "active",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["source"] = new { type = "user", userId },
            ["webhookEventId"] = eventId ?? Guid.NewGuid().ToString("N").ToUpperInvariant()[..26],
            ["deliveryContext"] = new { isRedelivery = false },
        };
        if (type != "unfollow")
        {
            e["replyToken"] = Guid.NewGuid().ToString("N");
        }

        if (text is not null)
        {
            e["message"] = new { id = "1", type = "text", text, quoteToken = "q" };
        }

        return JsonSerializer.Serialize(new { destination = "U0000000000000000000000000000000f", events = new[] { e } });
    }
}
