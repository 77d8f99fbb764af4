using System.ComponentModel.DataAnnotations;

namespace Queueing.Notification.Deliveries;

/// <summary>Delivery schedule settings (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>Where residents open their links (status page, booking page); the Gateway's public address.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Wait before the first durable retry; it doubles each time up to <see cref="MaxRetryMinutes"/>, with ±20% jitter.</summary>
    [Range(0.1, 3600)]
    public double FirstRetrySeconds { get; set; } = 10;

    [Range(0.01, 1440)]
    public double MaxRetryMinutes { get; set; } = 15;

    /// <summary>After this many attempts a delivery fails (and falls back to e-mail when there is one).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How long one attempt may hold a delivery before another worker may take it (a crashed worker's lease).</summary>
    [Range(5, 600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often the durable schedule looks for due deliveries.</summary>
    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 500;
}
