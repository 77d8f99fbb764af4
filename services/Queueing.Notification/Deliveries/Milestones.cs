namespace Queueing.Notification.Deliveries;

/// <summary>
/// How long a milestone message stays worth sending. A "called" message that could not go out for 15 minutes is
/// dropped (logged as expired) rather than confusing a resident who has already been served or gone home.
/// </summary>
public static class Milestones
{
    public static TimeSpan Lifetime(string kind) => kind switch
    {
        "called" => TimeSpan.FromMinutes(15),
        "approaching" => TimeSpan.FromMinutes(30),
        "reminder-hour-before" => TimeSpan.FromHours(1),
        "reminder-day-before" => TimeSpan.FromHours(12),
        "ticket-issued" or "no-show" or "thank-you" => TimeSpan.FromHours(2),
        _ => TimeSpan.FromHours(24),
    };
}
