using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Queueing.LineEmulator.Inspection;
using Queueing.LineEmulator.Messaging;

namespace Queueing.LineEmulator.Webhooks;

/// <summary>
/// Sends webhook events to the bot server the way the LINE platform does: one event per POST, JSON body signed
/// with the channel secret in <c>x-line-signature</c>. The target URL comes from <c>Line:WebhookUrl</c> and can be
/// changed at runtime (<c>POST /emulator/webhook</c>).
/// </summary>
public sealed class WebhookSender(
    IHttpClientFactory clients,
    LineChannelOptions channel,
    WebhookLog log,
    EmulatorStats stats,
    TimeProvider time,
    ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "webhook";

    private readonly Lock _gate = new();
    private string? _url = channel.WebhookUrl;

    public string? Url
    {
        get
        {
            lock (_gate)
            {
                return _url;
            }
        }

        set
        {
            lock (_gate)
            {
                _url = value;
            }
        }
    }

    /// <summary>A new event of <paramref name="type"/> from <paramref name="userId"/>, stamped now, not yet sent.</summary>
    public WebhookEvent NewEvent(string type, string userId) =>
        new(
            type,
            Mode: "active",
            Timestamp: time.GetUtcNow().ToUnixTimeMilliseconds(),
            new WebhookSource("user", userId),
            WebhookEventIds.New(time.GetUtcNow()),
            new DeliveryContext(IsRedelivery: false));

    /// <summary>
    /// Signs and POSTs <paramref name="webhookEvent"/> (a wrong signature when <paramref name="badSignature"/>),
    /// records the delivery and returns it. Never throws for an unreachable or failing bot server.
    /// </summary>
    public async Task<WebhookDelivery> SendAsync(WebhookEvent webhookEvent, bool badSignature, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookBody(channel.BotUserId, [webhookEvent]), WebhookJson.Options);
        var signature = LineSignature.Compute(badSignature ? channel.ChannelSecret + "-wrong" : channel.ChannelSecret, body);
        var url = Url;
        var sentAt = time.GetUtcNow();

        int? status = null;
        string? error = null;
        if (url is null)
        {
            error = "No webhook URL is set (Line:WebhookUrl or POST /emulator/webhook)";
        }
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.TryAddWithoutValidation(LineSignature.HeaderName, signature);
                using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = e is TaskCanceledException ? "The webhook URL did not answer in time" : e.Message;
            }
        }

        var delivery = new WebhookDelivery(
            webhookEvent.WebhookEventId,
            webhookEvent.Type,
            webhookEvent.Source.UserId,
            webhookEvent.Message?.Text,
            url,
            Encoding.UTF8.GetString(body),
            signature,
            SignatureValid: !badSignature,
            status,
            error,
            sentAt);
        log.Add(delivery);
        stats.RecordWebhook(delivered: status is not null);
        logger.LogInformation("Webhook {Type} {EventId} for {UserId} to {Url}: {Status}{Error}",
            delivery.Type, delivery.WebhookEventId, delivery.UserId, url, status, error);
        return delivery;
    }
}
