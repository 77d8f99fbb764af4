using System.Diagnostics;
using System.Net.Http.Json;
using MassTransit;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Reservations;
using Queueing.Testing;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Queueing.IntegrationTests.Notifications;

/// <summary>
/// LINE misbehaving the ways the real platform can (rate limits, 500 storms, timeouts, answers lost after
/// accepting, being down) and Notification restarting mid-delivery: every resident gets their message exactly
/// once. Each scenario prints its figures (sent, retried, 409s, duplicates, lost).
/// </summary>
public sealed class DeliveryFaults(SystemFixture fixture, ITestOutputHelper output) : IClassFixture<SystemFixture>
{
    private const int Residents = 30;
    private readonly QueueingSystem _system = fixture.System;

    [Theory]
    [InlineData("429", 20, null)]
    [InlineData("500", 30, null)]
    [InlineData("slow", 10, 3000)]
    [InlineData("accept-then-drop", 20, null)]
    [InlineData("drop", 100_000, null)]
    public async Task Every_resident_gets_the_message_exactly_once_through_LINE_faults(string mode, int count, int? delayMs)
    {
        await _system.ClearLineFaultsAsync();
        var office = _system.NewOfficeId();
        await _system.LineFaultAsync(mode, count, delayMs);
        var clock = Stopwatch.StartNew();
        var conflictsBefore = (await _system.LineStatsAsync()).DuplicatesRejected;
        var users = await PublishBookingsAsync(office);
        if (mode == "drop")
        {
            await Task.Delay(3000); // LINE unreachable for 3 s, then back
            await _system.ClearLineFaultsAsync();
        }

        var figures = await WaitForAllAsync(office, users, clock, conflictsBefore);
        Report($"LINE {mode}{(mode == "drop" ? " (down 3 s)" : $" x{count}")}", figures);
        figures.Lost.ShouldBe(0);
        figures.Duplicates.ShouldBe(0);
        await _system.ClearLineFaultsAsync();
    }

    [Fact]
    public async Task Deliveries_retrying_when_Notification_stops_are_sent_once_after_it_starts_again()
    {
        await _system.ClearLineFaultsAsync();
        var office = _system.NewOfficeId();
        await _system.LineFaultAsync("500", 1_000_000);
        var clock = Stopwatch.StartNew();
        var conflictsBefore = (await _system.LineStatsAsync()).DuplicatesRejected;
        var users = await PublishBookingsAsync(office);
        await Poll.UntilAsync(() => LogAsync(office), l => l.Retried >= Residents, TimeSpan.FromSeconds(60));

        await _system.StopNotificationAsync();
        await _system.ClearLineFaultsAsync();
        await Task.Delay(1000);
        (await PushesAsync(users)).Count.ShouldBe(0, "nothing could be delivered while LINE failed");
        await _system.StartNotificationAsync();

        var figures = await WaitForAllAsync(office, users, clock, conflictsBefore);
        Report("Notification restarted while every delivery was retrying (LINE 500s)", figures);
        figures.Lost.ShouldBe(0);
        figures.Duplicates.ShouldBe(0);
    }

    [Fact]
    public async Task A_crash_after_LINE_accepted_but_before_the_record_is_written_cannot_deliver_twice()
    {
        // accept-then-drop is exactly that window: LINE stored the push, the answer never arrived. The retry carries the
        // same X-Line-Retry-Key, LINE answers 409, and the delivery counts as sent.
        await _system.ClearLineFaultsAsync();
        var office = _system.NewOfficeId();
        var before = (await _system.LineStatsAsync()).DuplicatesRejected;
        await _system.LineFaultAsync("accept-then-drop", Residents);
        var users = await PublishBookingsAsync(office);

        var figures = await WaitForAllAsync(office, users, Stopwatch.StartNew(), before);
        ((await _system.LineStatsAsync()).DuplicatesRejected - before).ShouldBeGreaterThanOrEqualTo(Residents / 2, "the retries were answered 409");
        figures.Duplicates.ShouldBe(0);
        figures.Lost.ShouldBe(0);
    }

    private async Task<List<string>> PublishBookingsAsync(string office)
    {
        var bus = _system.Gateway.Get<IBus>();
        var users = Enumerable.Range(0, Residents).Select(_ => "U" + Guid.NewGuid().ToString("N")).ToList();
        foreach (var (user, i) in users.Select((u, i) => (u, i)))
        {
            await bus.Publish(new BookingConfirmed
            {
                OfficeId = office, Code = $"F{i:D3}" + user[1..5].ToUpperInvariant(), Date = DateOnly.FromDateTime(_system.Clock.GetUtcNow().UtcDateTime).AddDays(12), Time = "10:00",
                Procedures = ["juminhyo"], LineUserId = user, At = DateTimeOffset.UtcNow,
            });
        }

        return users;
    }

    private async Task<List<LinePush>> PushesAsync(IReadOnlyCollection<string> users)
    {
        var set = users.ToHashSet();
        return (await _system.AllLinePushesAsync()).Where(p => set.Contains(p.To)).ToList();
    }

    private async Task<DeliveryLog> LogAsync(string office) =>
        (await _system.Supervisor.GetFromJsonAsync<DeliveryLog>($"/api/offices/{office}/notifications"))!;

    private async Task<Figures> WaitForAllAsync(string office, List<string> users, Stopwatch clock, long conflictsBefore)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        List<LinePush> pushes;
        do
        {
            pushes = await PushesAsync(users);
            if (pushes.Select(p => p.To).Distinct().Count() == users.Count)
            {
                break;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        var elapsed = clock.Elapsed;
        await Task.Delay(1500); // anything still in flight would show up as a duplicate now
        pushes = await PushesAsync(users);
        var log = await LogAsync(office);
        var stats = await _system.LineStatsAsync();
        return new Figures(
            users.Count, pushes.Select(p => p.To).Distinct().Count(), log.Retried, log.Failed, stats.DuplicatesRejected - conflictsBefore,
            pushes.GroupBy(p => p.To).Sum(g => g.Count() - 1), users.Count - pushes.Select(p => p.To).Distinct().Count(), elapsed);
    }

    private void Report(string scenario, Figures f) =>
        output.WriteLine($"[notification-faults] {scenario}: {f.Residents} messages, {f.Delivered} delivered, {f.Retried} retried, " +
                         $"{f.Failed} failed, {f.Conflicts409} answered 409 (already accepted), {f.Duplicates} duplicates, {f.Lost} lost, all delivered after {f.Elapsed.TotalSeconds:F1} s");

    private sealed record Figures(int Residents, int Delivered, int Retried, int Failed, long Conflicts409, int Duplicates, int Lost, TimeSpan Elapsed);
}
