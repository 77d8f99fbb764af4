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

        // Eight counters (the three of the office plus the Ticketing engine driven directly as five more
        // counter ids) call, finish and call again, all at once, until nobody waits.
        string[] counters = ["1", "2"];
        foreach (var c in counters)
        {
            await _system.Staff.OpenAsync(office, c);
        }

        var called = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task Work(string counter)
        {
            while (await CallAndFinishAsync(office, counter) is { } number)
            {
                called.Add(number);
            }
        }

        await Task.WhenAll(counters.Select(c => Task.Run(() => Work(c))));

        called.Count.ShouldBe(Tickets);
        called.Distinct().Count().ShouldBe(Tickets);
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

        var staff = _system.Staff;
        await staff.OpenAsync(office, "1");
        var first = await staff.CallNextAsync(office, "1", "call-1");
        var again = await staff.CallNextAsync(office, "1", "call-1");
        again!.TicketId.ShouldBe(first!.TicketId);
        first.Number.ShouldBe("A-001");
        (await http.StatusAsync(taps[0].Token)).State.ShouldBe("called");
        await staff.CompleteAsync(office, "1");
        (await staff.CallNextAsync(office, "1"))!.Number.ShouldBe("A-002");
    }

    [Fact]
    public async Task A_redelivered_call_command_calls_one_ticket()
    {
        var office = _system.NewOfficeId();
        var http = _system.Http;
        await http.TakeAsync(office, "juminhyo");
        await http.TakeAsync(office, "juminhyo");

        var client = _system.Gateway.Get<IClientFactory>().CreateRequestClient<ApplyTicketAction>();
        var command = new ApplyTicketAction { CommandId = NewId.NextGuid(), OfficeId = office, Action = "call-next", Counter = "1", Queues = ["A"] };
        var first = await client.GetResponse<TicketActionApplied>(command);
        var second = await client.GetResponse<TicketActionApplied>(command);

        second.Message.Ticket.TicketId.ShouldBe(first.Message.Ticket.TicketId);
        second.Message.Version.ShouldBe(first.Message.Version);

        var snapshot = await _system.Gateway.Get<IClientFactory>().CreateRequestClient<GetQueueStatus>()
            .GetResponse<QueueStatusChanged>(new GetQueueStatus { OfficeId = office });
        snapshot.Message.Waiting.Single(w => w.Queue == "A").Count.ShouldBe(1);
    }

    /// <summary>One counter's cycle through the API: call next, then complete. Null when nobody waits.</summary>
    private async Task<string?> CallAndFinishAsync(string office, string counter)
    {
        var called = await _system.Staff.CallNextAsync(office, counter);
        if (called is null)
        {
            return null;
        }

        await _system.Staff.CompleteAsync(office, counter);
        return called.Number;
    }
}
