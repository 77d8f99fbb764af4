using Queueing.Contracts.Ticketing;

namespace Queueing.Gateway.Live;

/// <summary>What lobby screens, consoles and the supervisor board receive: numbers, counts and waits, never ticket ids or names.</summary>
public sealed record QueueStatusView(
    string OfficeId, long Version, IReadOnlyList<ServingView> NowServing, IReadOnlyList<ServingView> RecentCalls,
    IReadOnlyList<WaitingView> Waiting, IReadOnlyList<CounterStatusView> Counters, int AlertMinutes)
{
    public static QueueStatusView From(QueueStatusChanged s) => new(
        s.OfficeId,
        s.Version,
        s.NowServing.Select(n => new ServingView(n.Counter, n.Number, n.CalledAt, n.Recalls, n.State)).ToList(),
        s.RecentCalls.Select(n => new ServingView(n.Counter, n.Number, n.CalledAt, n.Recalls, "called")).ToList(),
        s.Waiting.Select(w => new WaitingView(w.Queue, w.Count, w.EstimatedWaitMinutes, w.WaitP50, w.WaitP90, w.LongestWaitMinutes)).ToList(),
        s.Counters.Select(c => new CounterStatusView(c.Counter, c.State, s.NowServing.FirstOrDefault(n => n.Counter == c.Counter)?.Number)).ToList(),
        s.AlertMinutes);
}

public sealed record ServingView(string Counter, string Number, DateTimeOffset CalledAt, int Recalls, string State);

public sealed record WaitingView(string Queue, int Count, int EstimatedWaitMinutes, int WaitP50, int WaitP90, int LongestWaitMinutes);

public sealed record CounterStatusView(string Counter, string State, string? Number);

/// <summary>What a resident's phone receives for their own ticket.</summary>
public sealed record TicketStatusPush(
    string OfficeId, string Number, string State, string Queue, int Position, int EstimatedWaitMinutes, int WaitP50, int WaitP90, string? Counter,
    IReadOnlyList<string> Procedures, string CurrentProcedure, int PostponesLeft, long Version)
{
    public static TicketStatusPush From(TicketStatus s) => new(
        s.OfficeId, s.Number, s.State, s.Queue, s.Position, s.EstimatedWaitMinutes, s.WaitP50, s.WaitP90, s.Counter, s.Procedures, s.CurrentProcedure, s.PostponesLeft, s.Version);

    /// <summary>Worth sending: anything but small wiggles of the estimate.</summary>
    public bool DiffersMeaningfullyFrom(TicketStatusPush other) =>
        State != other.State || Queue != other.Queue || Position != other.Position || Counter != other.Counter ||
        CurrentProcedure != other.CurrentProcedure || PostponesLeft != other.PostponesLeft ||
        Math.Abs(WaitP50 - other.WaitP50) >= 2 || Math.Abs(WaitP90 - other.WaitP90) >= 3;
}

/// <summary>The client methods of <see cref="QueueHub"/> (JavaScript: <c>queueStatus</c>, <c>ticketStatus</c>).</summary>
public interface IQueueClient
{
    Task QueueStatus(QueueStatusView status);

    Task TicketStatus(TicketStatusPush status);
}
