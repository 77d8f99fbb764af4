using System.Net;
using System.Text.Json;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.WalkIn;

/// <summary>The walk-in path through every service on real RabbitMQ and Redis: take, follow, call, complete.</summary>
public sealed class WalkInPath(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Numbers_tickets_per_queue_and_calls_the_oldest_of_the_counters_queues()
    {
        var office = _system.NewOfficeId();
        var http = _system.Http;
        var staff = _system.Staff;

        var a1 = await http.TakeAsync(office, "juminhyo");
        var b1 = await http.TakeAsync(office, "tennyu");
        var a2 = await http.TakeAsync(office, "koseki");
        a1.Number.ShouldBe("A-001");
        b1.Number.ShouldBe("B-001");
        a2.Number.ShouldBe("A-002");
        a1.StatusUrl.ShouldEndWith($"/ticket.html?token={a1.Token}");
        a1.Token.Length.ShouldBe(22);

        var status = await http.StatusAsync(a2.Token);
        status.State.ShouldBe("waiting");
        status.Position.ShouldBe(2);
        status.EstimatedWaitMinutes.ShouldBeGreaterThan(0);

        // Counter 2 serves A and B: oldest first across both queues.
        await staff.OpenAsync(office, "2");
        (await staff.CallNextAsync(office, "2"))!.Number.ShouldBe("A-001");
        var calledStatus = await http.StatusAsync(a1.Token);
        calledStatus.State.ShouldBe("called");
        calledStatus.Counter.ShouldBe("2");
        calledStatus.Position.ShouldBe(0);
        (await http.StatusAsync(a2.Token)).Position.ShouldBe(1);

        // Counter 3 serves only B.
        await staff.OpenAsync(office, "3");
        (await staff.CallNextAsync(office, "3"))!.Number.ShouldBe("B-001");
        (await staff.CompleteAsync(office, "3")).Next.ShouldBeNull();
        (await http.StatusAsync(b1.Token)).State.ShouldBe("completed");
        (await staff.CallNextAsync(office, "3")).ShouldBeNull();

        // A counter with a ticket at it must finish it before calling the next.
        await (await staff.PostAsync($"/api/offices/{office}/counters/2/call-next", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await staff.CompleteAsync(office, "2");
        (await staff.CallNextAsync(office, "2"))!.Number.ShouldBe("A-002");
        (await http.StatusAsync(a1.Token)).State.ShouldBe("completed");
    }

    [Fact]
    public async Task Screens_and_phones_get_a_snapshot_on_connect_and_every_change_with_growing_versions()
    {
        var office = _system.NewOfficeId();
        var http = _system.Http;
        var ticket = await http.TakeAsync(office, "juminhyo");

        await using var lobby = await HubTestClient.ConnectAsync(_system.GatewayAddress, $"office={office}");
        await using var phone = await HubTestClient.ConnectAsync(_system.GatewayAddress, $"ticket={ticket.Token}");

        var first = await lobby.WaitForAsync("queueStatus");
        first.Argument.GetProperty("officeId").GetString().ShouldBe(office);
        WaitingCount(first.Argument, "A").ShouldBe(1);
        var firstPhone = await phone.WaitForAsync("ticketStatus");
        firstPhone.Argument.GetProperty("state").GetString().ShouldBe("waiting");
        firstPhone.Argument.GetProperty("position").GetInt32().ShouldBe(1);

        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");

        var called = await lobby.WaitForAsync("queueStatus", s => s.GetProperty("nowServing").EnumerateArray().Any(n => n.GetProperty("number").GetString() == "A-001"));
        called.Argument.GetProperty("nowServing")[0].GetProperty("counter").GetString().ShouldBe("1");
        WaitingCount(called.Argument, "A").ShouldBe(0);
        var phoneCalled = await phone.WaitForAsync("ticketStatus", s => s.GetProperty("state").GetString() == "called");
        phoneCalled.Argument.GetProperty("counter").GetString().ShouldBe("1");

        var versions = lobby.Seen.Where(m => m.Target == "QueueStatus").Select(m => m.Argument.GetProperty("version").GetInt64()).ToList();
        versions.ShouldBe(versions.Order().ToList());
        versions.Distinct().Count().ShouldBe(versions.Count);
        phoneCalled.Argument.GetProperty("version").GetInt64().ShouldBeGreaterThan(firstPhone.Argument.GetProperty("version").GetInt64());

        // Screens never receive ticket ids or tokens.
        lobby.Seen.ShouldAllBe(m => !m.Argument.GetRawText().Contains(ticket.Token) && !m.Argument.GetRawText().Contains(ticket.TicketId));

        await _system.Staff.CompleteAsync(office, "1");
        await phone.WaitForAsync("ticketStatus", s => s.GetProperty("state").GetString() == "completed");
    }

    [Fact]
    public async Task A_connection_without_a_known_office_or_ticket_is_closed()
    {
        await using var stranger = await HubTestClient.ConnectAsync(_system.GatewayAddress, "ticket=AAAAAAAAAAAAAAAAAAAAAA");
        await WaitUntil(() => stranger.Closed);
        stranger.Seen.ShouldBeEmpty();

        await using var nowhere = await HubTestClient.ConnectAsync(_system.GatewayAddress, "office=nowhere");
        await WaitUntil(() => nowhere.Closed);
    }

    [Fact]
    public async Task Describes_the_office_and_serves_health_and_openapi()
    {
        var office = JsonDocument.Parse(await _system.Http.GetStringAsync("/api/offices/demo")).RootElement;
        office.GetProperty("queues").GetArrayLength().ShouldBeGreaterThanOrEqualTo(2);
        office.GetProperty("counters").GetArrayLength().ShouldBeGreaterThanOrEqualTo(3);
        office.GetProperty("procedures").EnumerateArray().Select(p => p.GetProperty("name").GetProperty("ja").GetString())
            .ShouldContain("住民票の写し");

        var ready = JsonDocument.Parse(await _system.Http.GetStringAsync("/health/ready")).RootElement;
        ready.GetProperty("status").GetString().ShouldBe("Healthy");
        ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).ShouldContain("redis");
        ready.GetProperty("checks").EnumerateObject().Count().ShouldBeGreaterThanOrEqualTo(2);

        var openApi = JsonDocument.Parse(await _system.Http.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/offices/{officeId}/tickets");
        paths.ShouldContain("/api/offices/{officeId}/counters/{counter}/call-next");
        paths.ShouldContain("/api/tickets/{token}");
    }

    private static int WaitingCount(JsonElement status, string queue) =>
        status.GetProperty("waiting").EnumerateArray().First(w => w.GetProperty("queue").GetString() == queue).GetProperty("count").GetInt32();

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().ShouldBeTrue();
    }
}
