namespace Queueing.Ticketing.Calling;

/// <summary>
/// The order in which waiting tickets are called. Each waiting ticket carries a score; a counter takes the
/// lowest score among the queues it serves (atomically, in <see cref="Tickets.TicketStore"/>'s Lua script).
/// Today the score is the arrival time in milliseconds, so the oldest ticket of the counter's queues goes
/// first; ties go to the queue the counter lists first. Priority classes plug in here by lowering the score.
/// </summary>
public static class CallingOrder
{
    public static double Score(DateTimeOffset arrivedAt) => arrivedAt.ToUnixTimeMilliseconds();

    /// <summary>The reference model of the selection the Lua script performs (used by tests and docs).</summary>
    public static Candidate? PickNext(IReadOnlyList<string> counterQueues, IEnumerable<Candidate> waiting)
    {
        Candidate? best = null;
        var bestQueueRank = int.MaxValue;
        foreach (var candidate in waiting)
        {
            var rank = IndexOf(counterQueues, candidate.Queue);
            if (rank < 0)
            {
                continue;
            }

            if (best is null || candidate.Score < best.Score || (candidate.Score == best.Score && rank < bestQueueRank))
            {
                best = candidate;
                bestQueueRank = rank;
            }
        }

        return best;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    public sealed record Candidate(string TicketId, string Queue, double Score);
}
