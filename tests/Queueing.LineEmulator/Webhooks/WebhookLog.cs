using System.Text.Json.Serialization;

namespace Queueing.LineEmulator.Webhooks;

/// <summary>
/// One webhook POST the emulator made (or tried), as <c>GET /emulator/webhooks</c> shows it. <c>status</c> is the
/// bot server's HTTP status, null when nothing answered (<c>error</c> says why) or no webhook URL was set.
/// </summary>
public sealed record WebhookDelivery(
    string WebhookEventId,
    string Type,
    string UserId,
    string? Text,
    string? Url,
    string Body,
    string Signature,
    bool SignatureValid,
    int? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    DateTimeOffset SentAt);

/// <summary>Thread-safe in-memory record of webhook deliveries, oldest first.</summary>
public sealed class WebhookLog
{
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];

    public void Add(WebhookDelivery delivery)
    {
        lock (_gate)
        {
            _deliveries.Add(delivery);
        }
    }

    public IReadOnlyList<WebhookDelivery> Snapshot(string? userId = null)
    {
        lock (_gate)
        {
            return string.IsNullOrEmpty(userId) ? [.. _deliveries] : [.. _deliveries.Where(d => d.UserId == userId)];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }
}
