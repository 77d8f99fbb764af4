namespace Queueing.Testing;

/// <summary>Reads until a condition holds (asynchronous effects: messages delivered, reminders sent), for up to 15 s.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 150 && !done(value); i++)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
