namespace Queueing.Gateway.Live;

/// <summary>What lobby screens and consoles receive: counts and numbers, never ticket ids or names.</summary>
public sealed record QueueStatusView(string OfficeId, long Version, IReadOnlyList<ServingView> NowServing, IReadOnlyList<WaitingView> Waiting);

public sealed record ServingView(string Counter, string Number, DateTimeOffset CalledAt);

public sealed record WaitingView(string Queue, int Count, int EstimatedWaitMinutes);

/// <summary>What a resident's phone receives for their own ticket.</summary>
public sealed record TicketStatusPush(string Number, string State, int Position, int EstimatedWaitMinutes, string? Counter, long Version);

/// <summary>The client methods of <see cref="QueueHub"/> (JavaScript: <c>queueStatus</c>, <c>ticketStatus</c>).</summary>
public interface IQueueClient
{
    Task QueueStatus(QueueStatusView status);

    Task TicketStatus(TicketStatusPush status);
}
