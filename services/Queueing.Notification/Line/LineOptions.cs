using System.ComponentModel.DataAnnotations;

namespace Queueing.Notification.Line;

/// <summary>LINE Messaging API settings (section <c>Line</c>).</summary>
public sealed class LineOptions
{
    /// <summary>https://api.line.me in production; the emulator's URL in the demo and tests.</summary>
    [Required]
    public string BaseUrl { get; set; } = "http://127.0.0.1:8090";

    [Required]
    public string ChannelAccessToken { get; set; } = "";

    public string ChannelSecret { get; set; } = "";

    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 5;

    [Range(0, 10)]
    /// <summary>Quick retries inside one attempt (429, 5xx, timeouts); the durable schedule retries after that.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>How long the circuit stays open after LINE kept failing (half of at least 10 calls in 30 s).</summary>
    [Range(1, 600)]
    public int BreakSeconds { get; set; } = 15;
}
