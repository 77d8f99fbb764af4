using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Queueing.Gateway.Notifications;

namespace Queueing.Testing;

/// <summary>Stats of the LINE emulator's push endpoint.</summary>
public sealed record LineStats(long Accepted, long DuplicatesRejected, long FaultsInjected, long Unauthorized, long InvalidRequests);

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
