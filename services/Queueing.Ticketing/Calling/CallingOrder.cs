using Queueing.ServiceDefaults.Offices;
using Queueing.Ticketing.Queues;

namespace Queueing.Ticketing.Calling;

/// <summary>
/// The calling policy, stated in C#: the specification the engine's Lua script (Engine/queue-engine.lua,
/// "call-next") implements atomically in Redis, and the model the tests compare the engine against.
/// <list type="number">
/// <item>Each waiting ticket's score is its arrival time minus its class's head start (booking and assistance
/// tickets are treated as if they had arrived earlier; walk-ins have none).</item>
/// <item>A counter takes the lowest score among the queues it serves; ties go to the queue it lists first.</item>
/// <item>Nobody starves: if the longest-waiting ticket of those queues has waited more than the maximum wait,
/// it goes first whatever its class. Head starts never exceed the maximum wait (the office file is checked).</item>
/// </list>
/// </summary>
public static class CallingOrder
{
    public static double Score(DateTimeOffset arrivedAt, string priority, CallingPolicy policy) =>
        arrivedAt.ToUnixTimeMilliseconds() - (policy.HeadStart(priority) * 60_000.0);

    public static Candidate? PickNext(IReadOnlyList<string> counterQueues, IEnumerable<Candidate> waiting, CallingPolicy policy, DateTimeOffset now)
    {
        Candidate? best = null;
        var bestRank = int.MaxValue;
        Candidate? oldest = null;
        foreach (var candidate in waiting)
        {
            var rank = counterQueues.IndexOf(candidate.Queue);
            if (rank < 0)
            {
                continue;
            }

            var score = Score(candidate.ArrivedAt, candidate.Priority, policy);
            var bestScore = best is null ? double.MaxValue : Score(best.ArrivedAt, best.Priority, policy);
            if (best is null || score < bestScore || (score == bestScore && rank < bestRank))
            {
                best = candidate;
                bestRank = rank;
            }

            if (oldest is null || candidate.ArrivedAt < oldest.ArrivedAt)
            {
                oldest = candidate;
            }
        }

        return oldest is not null && now - oldest.ArrivedAt > TimeSpan.FromMinutes(policy.MaxWaitMinutes) ? oldest : best;
    }

    public sealed record Candidate(string TicketId, string Queue, DateTimeOffset ArrivedAt, string Priority);
}
