using System.Diagnostics;
using System.Net.Http.Json;
using Queueing.Testing;

namespace Queueing.Benchmarks;

/// <summary>
/// P1: time from a staff "call next" (HTTP request sent) to every subscribed lobby screen receiving the new
/// snapshot over SignalR, with all clients on this same machine, through the real Gateway, Counter and
/// Ticketing services on real RabbitMQ and Redis.
/// </summary>
public static class CallToScreens
{
    private const int Rounds = 40;

    public static async Task RunAsync(int[] screenCounts)
    {
        await using var system = await QueueingSystem.StartAsync("bench");
        foreach (var screens in screenCounts)
        {
            await MeasureAsync(system, screens);
        }
    }

    private static async Task MeasureAsync(QueueingSystem system, int screens)
    {
        var office = system.NewOfficeId();
        var http = system.Http;
        var staff = system.Staff;
        (await staff.PostAsync(new Uri($"/api/offices/{office}/counters/1/open", UriKind.Relative), null)).EnsureSuccessStatusCode();

        var clients = new List<HubTestClient>();
        for (var i = 0; i < screens; i += 50)
        {
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(50, screens - i))
                .Select(_ => HubTestClient.ConnectAsync(system.GatewayAddress, $"office={office}"))));
        }

        await Task.WhenAll(clients.Select(c => c.WaitForAsync("queueStatus")));

        var latencies = new List<double>(Rounds * screens);
        var callTimes = new List<double>(Rounds);
        for (var round = 0; round < Rounds + 5; round++)
        {
            var taken = await (await http.PostAsJsonAsync(new Uri($"/api/offices/{office}/tickets", UriKind.Relative), new { procedure = "juminhyo", channel = "kiosk" }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Taken>();
            await Task.Delay(50); // let the "issued" snapshot reach every screen first

            var start = Stopwatch.GetTimestamp();
            (await staff.PostAsync(new Uri($"/api/offices/{office}/counters/1/call-next", UriKind.Relative), null)).EnsureSuccessStatusCode();
            var callDone = Stopwatch.GetTimestamp();
            var received = await Task.WhenAll(clients.Select(c => c.WaitForAsync(
                "queueStatus", s => s.GetProperty("nowServing").EnumerateArray().Any(n => n.GetProperty("number").GetString() == taken!.Number))));

            (await staff.PostAsync(new Uri($"/api/offices/{office}/counters/1/complete", UriKind.Relative), null)).EnsureSuccessStatusCode();
            if (round >= 5)
            {
                // The first rounds warm up JIT, connections and Redis script caches.
                latencies.AddRange(received.Select(m => Stopwatch.GetElapsedTime(start, m.ReceivedAt).TotalMilliseconds));
                callTimes.Add(Stopwatch.GetElapsedTime(start, callDone).TotalMilliseconds);
            }
        }

        latencies.Sort();
        callTimes.Sort();
        Console.WriteLine(
            $"call-to-screens screens={screens} rounds={Rounds} samples={latencies.Count} " +
            $"p50={Percentile(latencies, 0.50):F1}ms p90={Percentile(latencies, 0.90):F1}ms p99={Percentile(latencies, 0.99):F1}ms max={latencies[^1]:F1}ms " +
            $"| call-next HTTP p50={Percentile(callTimes, 0.50):F1}ms p99={Percentile(callTimes, 0.99):F1}ms");

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed record Taken(string Number);
}
