using System.Net;
using System.Net.Http.Json;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Engine;

/// <summary>Every counter operation through the Gateway, Counter and Ticketing, with the states residents see.</summary>
public sealed class StaffOperations(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    private HttpClient Staff => _system.Staff;

    [Fact]
    public async Task No_show_needs_the_configured_recalls_and_the_resident_sees_it()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        await Staff.OpenAsync(office, "1");
        await Staff.CallNextAsync(office, "1");

        await (await Staff.PostAsync($"/api/offices/{office}/counters/1/no-show", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await Staff.ActAsync(office, "1", "recall")).Recalls.ShouldBe(1);
        (await Staff.ActAsync(office, "1", "recall")).Recalls.ShouldBe(2);
        (await Staff.ActAsync(office, "1", "no-show")).State.ShouldBe("no-show");
        (await _system.Http.StatusAsync(ticket.Token)).State.ShouldBe("no-show");
        (await Staff.CallNextAsync(office, "1")).ShouldBeNull();
    }

    [Fact]
    public async Task Start_then_complete_and_a_recall_is_refused_once_serving()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        await Staff.OpenAsync(office, "1");
        await Staff.CallNextAsync(office, "1");
        (await Staff.ActAsync(office, "1", "start")).State.ShouldBe("serving");
        (await _system.Http.StatusAsync(ticket.Token)).State.ShouldBe("serving");
        await (await Staff.PostAsync($"/api/offices/{office}/counters/1/recall", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await Staff.CompleteAsync(office, "1")).Completed.State.ShouldBe("completed");
    }

    [Fact]
    public async Task Return_to_queue_keeps_the_original_arrival()
    {
        var office = _system.NewOfficeId();
        var first = await _system.Http.TakeAsync(office, "juminhyo");
        await _system.Http.TakeAsync(office, "juminhyo");
        await Staff.OpenAsync(office, "1");
        await Staff.CallNextAsync(office, "1");
        (await Staff.ActAsync(office, "1", "return")).State.ShouldBe("waiting");
        (await _system.Http.StatusAsync(first.Token)).Position.ShouldBe(1);
        (await Staff.CallNextAsync(office, "1"))!.Number.ShouldBe(first.Number);
    }

    [Fact]
    public async Task Transfer_moves_the_ticket_to_another_queue_keeping_its_arrival_time()
    {
        var office = _system.NewOfficeId();
        var early = await _system.Http.TakeAsync(office, "juminhyo");
        var later = await _system.Http.TakeAsync(office, "tennyu");     // B-001, arrived after A-001
        await Staff.OpenAsync(office, "1");
        await Staff.OpenAsync(office, "3");
        await Staff.CallNextAsync(office, "1");
        var moved = await Staff.ActAsync(office, "1", "transfer", new { queue = "B" });
        moved.Queue.ShouldBe("B");
        moved.State.ShouldBe("waiting");
        (await _system.Http.StatusAsync(early.Token)).Position.ShouldBe(1);
        (await Staff.CallNextAsync(office, "3"))!.Number.ShouldBe(early.Number);
        await Staff.CompleteAsync(office, "3");
        (await Staff.CallNextAsync(office, "3"))!.Number.ShouldBe(later.Number);
    }

    [Fact]
    public async Task A_parked_ticket_is_skipped_until_unparked_or_called_by_number()
    {
        var office = _system.NewOfficeId();
        var parked = await _system.Http.TakeAsync(office, "juminhyo");
        var next = await _system.Http.TakeAsync(office, "juminhyo");
        var third = await _system.Http.TakeAsync(office, "juminhyo");
        await Staff.OpenAsync(office, "1");
        await Staff.CallNextAsync(office, "1");
        (await Staff.ActAsync(office, "1", "park")).State.ShouldBe("parked");
        (await _system.Http.StatusAsync(parked.Token)).State.ShouldBe("parked");

        var list = await Staff.GetFromJsonAsync<List<Api.Called>>($"/api/offices/{office}/tickets?state=parked");
        list!.Select(t => t.Number).ShouldBe([parked.Number]);

        (await Staff.CallNextAsync(office, "1"))!.Number.ShouldBe(next.Number);
        await Staff.CompleteAsync(office, "1");

        var unparked = await Staff.PostAsync($"/api/offices/{office}/tickets/{parked.Number}/unpark", null);
        unparked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Staff.CallNextAsync(office, "1"))!.Number.ShouldBe(parked.Number);
        await Staff.CompleteAsync(office, "1");

        // Calling a specific ticket by number.
        (await Staff.ActAsync(office, "1", "call", new { number = third.Number })).Number.ShouldBe(third.Number);
    }

    [Fact]
    public async Task A_one_stop_visit_moves_to_its_next_procedure_by_itself()
    {
        var office = _system.NewOfficeId();
        var visit = await _system.Http.TakeAsync(office, new { procedures = new[] { "tennyu", "juminhyo" }, channel = "kiosk" });
        visit.Number.ShouldBe("B-001");
        await Staff.OpenAsync(office, "3");
        await Staff.OpenAsync(office, "1");

        var atB = await Staff.CallNextAsync(office, "3");
        atB!.CurrentProcedure.ShouldBe("tennyu");
        var done = await Staff.CompleteAsync(office, "3");
        done.Next.ShouldBe(new Api.NextStep("A", "B-001"));

        var status = await _system.Http.StatusAsync(visit.Token);
        status.State.ShouldBe("waiting");
        status.Queue.ShouldBe("A");
        status.CurrentProcedure.ShouldBe("juminhyo");

        var atA = await Staff.CallNextAsync(office, "1");
        atA!.Number.ShouldBe("B-001");
        atA.CurrentProcedure.ShouldBe("juminhyo");
        (await Staff.CompleteAsync(office, "1")).Next.ShouldBeNull();
        (await _system.Http.StatusAsync(visit.Token)).State.ShouldBe("completed");
    }

    [Fact]
    public async Task Residents_can_cancel_and_make_way_a_limited_number_of_times()
    {
        var office = _system.NewOfficeId();
        var me = await _system.Http.TakeAsync(office, "juminhyo");
        for (var i = 0; i < 6; i++)
        {
            await _system.Http.TakeAsync(office, "juminhyo");
        }

        var once = await Post<Api.Status>($"/api/tickets/{me.Token}/postpone");
        once.Position.ShouldBe(4);
        once.PostponesLeft.ShouldBe(1);
        (await Post<Api.Status>($"/api/tickets/{me.Token}/postpone")).Position.ShouldBe(7);
        await (await _system.Http.PostAsync($"/api/tickets/{me.Token}/postpone", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        (await Post<Api.Status>($"/api/tickets/{me.Token}/cancel")).State.ShouldBe("cancelled");
        await (await _system.Http.PostAsync($"/api/tickets/{me.Token}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await _system.Http.PostAsync($"/api/tickets/{me.Token}/postpone", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Wait_ranges_grow_with_the_position_and_P90_is_never_below_P50()
    {
        var office = _system.NewOfficeId();
        var tickets = new List<Api.Taken>();
        for (var i = 0; i < 6; i++)
        {
            tickets.Add(await _system.Http.TakeAsync(office, "tennyu"));
        }

        var statuses = new List<Api.Status>();
        foreach (var t in tickets)
        {
            statuses.Add(await _system.Http.StatusAsync(t.Token));
        }

        statuses.ShouldAllBe(s => s.WaitP90 >= s.WaitP50 && s.WaitP50 > 0);
        statuses.Select(s => s.WaitP50).ShouldBe(statuses.Select(s => s.WaitP50).Order().ToList());
        statuses[^1].WaitP50.ShouldBeGreaterThan(statuses[0].WaitP50);
    }

    private async Task<T> Post<T>(string path)
    {
        var response = await _system.Http.PostAsync(path, null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
