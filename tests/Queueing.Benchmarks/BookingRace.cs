using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Queueing.Testing;

namespace Queueing.Benchmarks;

/// <summary>
/// P6: 1,000 concurrent booking attempts racing for the same slots through the Gateway and Reservation on real
/// RabbitMQ and Redis: attempts per second, latency percentiles, and that exactly the capacity was booked.
/// </summary>
public static class BookingRace
{
    public static async Task RunAsync(int attempts, int inFlight)
    {
        await using var system = await QueueingSystem.StartAsync("bench-booking");
        var office = system.NewOfficeId();
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).AddDays(3);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        string[] times = ["09:00", "09:30", "10:00", "10:30", "11:00"];

        // Warm-up: JIT, connections, script cache.
        for (var i = 0; i < 20; i++)
        {
            await system.Http.GetAsync(new Uri($"/api/offices/{office}/availability?procedures=juminhyo&from={day:yyyy-MM-dd}&days=1", UriKind.Relative));
        }

        using var gate = new SemaphoreSlim(inFlight);
        var latencies = new double[attempts];
        var statuses = new HttpStatusCode[attempts];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, attempts).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await system.Http.PostAsJsonAsync(
                    new Uri($"/api/offices/{office}/bookings", UriKind.Relative),
                    new { procedures = new[] { "juminhyo" }, date = $"{day:yyyy-MM-dd}", time = times[i % times.Length] });
                statuses[i] = response.StatusCode;
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            finally
            {
                gate.Release();
            }
        }));
        total.Stop();

        Array.Sort(latencies);
        var booked = statuses.Count(s => s == HttpStatusCode.Created);
        var refused = statuses.Count(s => s == HttpStatusCode.Conflict);
        Console.WriteLine(
            $"booking-race attempts={attempts} in-flight={inFlight} slots={times.Length} booked={booked} refused={refused} other={attempts - booked - refused} " +
            $"rate={attempts / total.Elapsed.TotalSeconds:F0}/s p50={latencies[attempts / 2]:F1}ms p99={latencies[(int)(attempts * 0.99) - 1]:F1}ms max={latencies[^1]:F1}ms");
    }
}
