using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Engine;

/// <summary>Twelve counters calling, completing and calling again all at once: every ticket called exactly once.</summary>
public sealed class ManyCounters(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Twelve_counters_racing_call_every_ticket_exactly_once()
    {
        const string Office = TestOffices.BigOffice;
        const int Tickets = 120;
        for (var batch = 0; batch < Tickets; batch += 20)
        {
            await Task.WhenAll(Enumerable.Range(batch, 20).Select(i => _system.Http.TakeAsync(Office, i % 3 == 0 ? "tennyu" : "juminhyo")));
        }

        var counters = Enumerable.Range(1, 12).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await Task.WhenAll(counters.Select(c => _system.Staff.OpenAsync(Office, c)));

        var called = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(counters.Select(counter => Task.Run(async () =>
        {
            while (await _system.Staff.CallNextAsync(Office, counter) is { } ticket)
            {
                called.Add(ticket.Number);
                await _system.Staff.CompleteAsync(Office, counter);
            }
        })));

        called.Count.ShouldBe(Tickets);
        called.Distinct().Count().ShouldBe(Tickets);
    }
}
