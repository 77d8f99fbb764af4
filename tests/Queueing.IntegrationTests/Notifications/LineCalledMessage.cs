using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Queueing.Contracts.Ticketing;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Notifications;

/// <summary>A LINE-linked ticket is told when it is called, once, in the LINE wire format.</summary>
public sealed class LineCalledMessage(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Pushes_the_called_message_once_even_when_the_event_is_delivered_twice()
    {
        var office = _system.NewOfficeId();
        var user = "U" + Guid.NewGuid().ToString("N");
        var ticket = await _system.Http.TakeAsync(office, "tennyu");
        var link = await _system.Http.PostAsJsonAsync($"/api/tickets/{ticket.Token}/line", new { userId = user });
        link.StatusCode.ShouldBe(HttpStatusCode.OK);

        await _system.Staff.OpenAsync(office, "3");
        var called = (await _system.Staff.CallNextAsync(office, "3"))!;

        // First "ticket issued" with the status link, then "your turn is approaching" (it was already near the front
        // when linked), then "called".
        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 3);
        pushes[0].Texts.Single().ShouldContain("B-001番で受け付けました");
        pushes[0].Texts.Single().ShouldContain($"ticket.html?token={ticket.Token}");
        pushes[1].Texts.Single().ShouldContain("まもなく");
        pushes[2].Texts.Single().ShouldContain("B-001");
        pushes[2].Texts.Single().ShouldContain("3番窓口");
        pushes[2].Texts.Single().ShouldContain("counter 3");
        pushes.Select(p => Guid.TryParse(p.RetryKey, out var _)).ShouldAllBe(ok => ok);

        // The same event again (a redelivery): no second message.
        await _system.Gateway.Get<IBus>().Publish(new TicketCalled
        {
            TicketId = called.TicketId,
            OfficeId = office,
            Queue = "B",
            Number = called.Number,
            Counter = "3",
            CalledAt = called.CalledAt!.Value,
            Version = 1,
        });
        await Task.Delay(1000);
        (await _system.LinePushesAsync(user)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_ticket_without_a_link_sends_nothing()
    {
        var office = _system.NewOfficeId();
        await _system.Http.TakeAsync(office, "juminhyo");
        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");
        await Task.Delay(500);
        using var client = _system.Line.CreateClient();
        var all = await client.GetFromJsonAsync<List<LinePush>>(new Uri("/emulator/pushes", UriKind.Relative));
        all!.ShouldAllBe(p => !p.Texts.Any(t => t.Contains(office)));
    }
}
