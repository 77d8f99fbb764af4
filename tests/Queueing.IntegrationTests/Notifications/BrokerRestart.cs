using MassTransit;
using Queueing.Contracts.Reservations;
using Queueing.Testing;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Queueing.IntegrationTests.Notifications;

/// <summary>A system on a RabbitMQ node of its own, which the test may crash and restart.</summary>
public sealed class OwnBrokerFixture : IAsyncLifetime
{
    public DedicatedRabbitMq Broker { get; private set; } = null!;

    public QueueingSystem System { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await (await TestInfrastructure.GetAsync()).StartDedicatedRabbitMqAsync().WaitAsync(TimeSpan.FromMinutes(2));
        System = await QueueingSystem.StartAsync("broker", Broker).WaitAsync(TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        await System.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        await Broker.DisposeAsync();
    }
}

/// <summary>
/// Deliveries live in Redis, not in RabbitMQ: when the broker crashes while LINE is failing, the retries go on and
/// every message is delivered once; after the broker restarts, new events are delivered once too.
/// </summary>
public sealed class BrokerRestart(OwnBrokerFixture fixture, ITestOutputHelper output) : IClassFixture<OwnBrokerFixture>
{
    private const int Residents = 30;
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Retries_go_on_while_RabbitMQ_is_down_and_events_after_its_restart_are_delivered_once()
    {
        var office = _system.NewOfficeId();
        await _system.LineFaultAsync("500", 1_000_000);
        var before = await PublishAsync(office, "B");
        await Poll.UntilAsync(async () => (await _system.LineStatsAsync()).FaultsInjected, n => n >= Residents, TimeSpan.FromSeconds(30));

        fixture.Broker.Kill();
        await _system.ClearLineFaultsAsync();
        var whileDown = await Poll.UntilAsync(() => DeliveredAsync(before), d => d.Count == Residents, TimeSpan.FromSeconds(60));
        whileDown.Count.ShouldBe(Residents, "retries need Redis and LINE only");

        await fixture.Broker.RestartAsync();
        var after = await PublishAsync(office, "A");
        var afterRestart = await Poll.UntilAsync(() => DeliveredAsync(after), d => d.Count == Residents, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);

        var pushes = await _system.AllLinePushesAsync();
        var duplicates = pushes.Where(p => before.Contains(p.To) || after.Contains(p.To)).GroupBy(p => p.To).Sum(g => g.Count() - 1);
        output.WriteLine($"[notification-faults] RabbitMQ killed while {Residents} deliveries were retrying: {whileDown.Count} delivered while it was down; " +
                         $"after its restart {afterRestart.Count} of {Residents} new events delivered; {duplicates} duplicates, " +
                         $"{2 * Residents - whileDown.Count - afterRestart.Count} lost");
        afterRestart.Count.ShouldBe(Residents);
        duplicates.ShouldBe(0);
    }

    private async Task<HashSet<string>> PublishAsync(string office, string prefix)
    {
        var users = Enumerable.Range(0, Residents).Select(_ => "U" + Guid.NewGuid().ToString("N")).ToHashSet();
        var bus = _system.Gateway.Get<IBus>();
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
        {
            var message = new BookingConfirmed
            {
                OfficeId = office, Code = $"{prefix}{i:D3}" + user[1..5].ToUpperInvariant(), Procedures = ["juminhyo"], LineUserId = user,
                Date = DateOnly.FromDateTime(_system.Clock.GetUtcNow().UtcDateTime).AddDays(5), Time = "10:00", At = DateTimeOffset.UtcNow,
            };

            // Right after a broker restart the bus may still be reconnecting: a publisher retries, as the services do.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await bus.Publish(message, timeout.Token);
                    break;
                }
                catch (Exception) when (attempt < 12)
                {
                    await Task.Delay(1000);
                }
            }
        }

        return users;
    }

    private async Task<List<string>> DeliveredAsync(HashSet<string> users) =>
        (await _system.AllLinePushesAsync()).Where(p => users.Contains(p.To)).Select(p => p.To).Distinct().ToList();
}
