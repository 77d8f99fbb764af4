namespace Queueing.Testing;

/// <summary>Reads until a condition holds (asynchronous effects: messages delivered, reminders sent), for up to 15 s or <c>within</c>.</summary>
public static class Poll
{
    public static Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done) => UntilAsync(read, done, TimeSpan.FromSeconds(15));

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
