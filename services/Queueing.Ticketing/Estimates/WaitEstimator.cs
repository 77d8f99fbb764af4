namespace Queueing.Ticketing.Estimates;

/// <summary>
/// Wait estimates from the position in the queue, the expected minutes per ticket and the counters serving
/// the queue: a ticket at position p waits about p × minutes ÷ counters (the resident being served at each
/// counter is half done on average, which the whole-ticket count at position 1 makes up for).
/// </summary>
public static class WaitEstimator
{
    public static int MinutesForPosition(int position, double minutesPerTicket, int counters)
    {
        if (position <= 0)
        {
            return 0;
        }

        var servers = Math.Max(1, counters);
        return (int)Math.Ceiling(position * minutesPerTicket / servers);
    }

    /// <summary>The wait a resident taking a ticket now should expect.</summary>
    public static int MinutesForNewArrival(int waiting, double minutesPerTicket, int counters) =>
        MinutesForPosition(waiting + 1, minutesPerTicket, counters);
}
