using System.ComponentModel.DataAnnotations;

namespace Queueing.Notification.Email;

/// <summary>SMTP settings (section <c>Email</c>). E-mail is off while <see cref="Port"/> is 0.</summary>
public sealed class EmailOptions
{
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 turns e-mail off (residents who gave only an e-mail address are then not notified, and this is logged).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    [Required]
    public string From { get; set; } = "madoguchi@example.lg.jp";

    public string FromName { get; set; } = "待たない窓口 Matanai";

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;
}
