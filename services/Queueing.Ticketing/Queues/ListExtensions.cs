namespace Queueing.Ticketing.Queues;

internal static class ListExtensions
{
    /// <summary>Position of <paramref name="value"/> in a read-only list, or -1.</summary>
    public static int IndexOf(this IReadOnlyList<string> list, string value)
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
}
