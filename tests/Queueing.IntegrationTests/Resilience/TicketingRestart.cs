using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Resilience;

/// <summary>Ticketing stopped and started again between issuing and calling: nothing is lost.</summary>
public sealed class TicketingRestart(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Tickets_issued_before_a_restart_are_called_after_it_and_requests_made_while_down_complete()
    {
        var office = _system.NewOfficeId();
        var http = _system.Http;
        var before = new List<Api.Taken>();
        for (var i = 0; i < 5; i++)
        {
            before.Add(await http.TakeAsync(office, "juminhyo"));
        }

        await _system.Staff.OpenAsync(office, "1");
        await _system.StopTicketingAsync();

        // A resident takes a ticket while Ticketing is down: the request waits in RabbitMQ.
        var whileDown = Task.Run(() => http.TakeAsync(office, "juminhyo"));
        await Task.Delay(1500);
        whileDown.IsCompleted.ShouldBeFalse();

        await _system.StartTicketingAsync();
        var late = await whileDown;
        late.Number.ShouldBe("A-006");

        var called = new List<string>();
        while (await _system.Staff.CallNextAsync(office, "1") is { } c)
        {
            called.Add(c.Number);
            await _system.Staff.CompleteAsync(office, "1");
        }

        called.ShouldBe(["A-001", "A-002", "A-003", "A-004", "A-005", "A-006"]);
        (await http.StatusAsync(before[0].Token)).State.ShouldBe("completed");
    }

    [Fact]
    public async Task A_request_Ticketing_cannot_answer_in_time_is_a_clear_503_and_the_same_key_later_gives_the_one_ticket()
    {
        var office = _system.NewOfficeId();
        await _system.Staff.OpenAsync(office, "1");
        await _system.StopTicketingAsync();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/tickets")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { procedure = "juminhyo", channel = "kiosk" }),
            };
            request.Headers.Add("Idempotency-Key", "kiosk-tap-1");
            var busy = await _system.Http.SendAsync(request); // waits the 15 s request timeout
            var problem = await busy.ShouldBeProblemAsync(System.Net.HttpStatusCode.ServiceUnavailable);
            problem.GetProperty("detail").GetString()!.ShouldContain("もう一度お試しください");
            busy.Headers.RetryAfter.ShouldNotBeNull();
        }
        finally
        {
            await _system.StartTicketingAsync();
        }

        // The request waited in RabbitMQ and was handled after the restart; trying again with the same key is that ticket.
        var again = await _system.Http.TakeAsync(office, "juminhyo", idempotencyKey: "kiosk-tap-1");
        again.Number.ShouldBe("A-001");
        (await _system.Staff.CallNextAsync(office, "1"))!.Number.ShouldBe("A-001");
        (await _system.Staff.PostAsync($"/api/offices/{office}/counters/1/complete", null)).EnsureSuccessStatusCode();
        (await _system.Staff.CallNextAsync(office, "1")).ShouldBeNull("one tap, one ticket");
    }
}
