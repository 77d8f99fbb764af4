using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Calling;

/// <summary>Counters calling at the same moment, double taps and redelivered messages.</summary>
public sealed class ConcurrentCalling(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Counters_calling_at_once_never_get_the_same_ticket()
    {
        var office = _system.NewOfficeId();
        var http = _system.Http;
        const int Tickets = 40;
        for (var i = 0; i < Tickets; i++)
        {
            await http.TakeAsync(office, i % 2 == 0 ? "juminhyo" : "inkan-shomei");
        }

        string[] counters = ["1", "2"];
        foreach (var c in counters)
        {
            await http.OpenAsync(office, c);
        }

        // Both counters hammer call-next in parallel, more calls than tickets.
        var calls = Enumerable.Range(0, 60).Select(i => Task.Run(() => http.CallNextAsync(office, counters[i % 2])));
        var results = await Task.WhenAll(calls);

        var called = results.Where(r => r is not null).Select(r => r!.Number).ToList();
        called.Count.ShouldBe(Tickets);
        called.Distinct().Count().ShouldBe(Tickets);
        results.Count(r => r is null).ShouldBe(60 - Tickets);
    }

    [Fact]
    public async Task A_double_tapped_ticket_or_call_with_the_same_idempotency_key_happens_once()
    {
        var office = _system.NewOfficeId();
        var http = _system.Http;

        var taps = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => http.TakeAsync(office, "juminhyo", "tap-1")));
        taps.Select(t => t.TicketId).Distinct().Count().ShouldBe(1);
        taps.Select(t => t.Token).Distinct().Count().ShouldBe(1);
        (await http.TakeAsync(office, "juminhyo")).Number.ShouldBe("A-002");

        await http.OpenAsync(office, "1");
        var first = await http.CallNextAsync(office, "1", "call-1");
        var again = await http.CallNextAsync(office, "1", "call-1");
        again.ShouldBe(first);
        first!.Number.ShouldBe("A-001");
        (await http.StatusAsync(taps[0].Token)).State.ShouldBe("called");
        (await http.CallNextAsync(office, "1"))!.Number.ShouldBe("A-002");
    }

    [Fact]
    public async Task A_redelivered_call_command_calls_one_ticket()
    {
        var office = _system.NewOfficeId();
        var http = _system.Http;
        await http.TakeAsync(office, "juminhyo");
        await http.TakeAsync(office, "juminhyo");

        var client = _system.Gateway.Get<IClientFactory>().CreateRequestClient<CallNextTicket>();
        var command = new CallNextTicket { CommandId = NewId.NextGuid(), OfficeId = office, Counter = "1", Queues = ["A"] };
        var first = await client.GetResponse<TicketCalled>(command);
        var second = await client.GetResponse<TicketCalled>(command);

        second.Message.TicketId.ShouldBe(first.Message.TicketId);
        second.Message.Version.ShouldBe(first.Message.Version);

        var snapshot = await _system.Gateway.Get<IClientFactory>().CreateRequestClient<GetQueueStatus>()
            .GetResponse<QueueStatusChanged>(new GetQueueStatus { OfficeId = office });
        snapshot.Message.Waiting.Single(w => w.Queue == "A").Count.ShouldBe(1);
    }
}
