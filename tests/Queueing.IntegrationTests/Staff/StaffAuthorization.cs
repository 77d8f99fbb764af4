using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Staff;

/// <summary>Staff actions need a staff token for the office; residents and screens can never perform them.</summary>
public sealed class StaffAuthorization(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task Without_a_token_every_staff_endpoint_is_401_and_changes_nothing()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        foreach (var action in new[] { "open", "pause", "close", "call-next", "recall", "start", "complete", "no-show", "return", "park" })
        {
            await (await _system.Http.PostAsync($"/api/offices/{office}/counters/1/{action}", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await _system.Http.GetAsync($"/api/offices/{office}/counters")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await _system.Http.GetAsync($"/api/offices/{office}/audit")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await _system.Http.StatusAsync(ticket.Token)).State.ShouldBe("waiting");
    }

    [Fact]
    public async Task A_resident_token_or_a_forged_one_is_not_a_staff_token()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        using var resident = new HttpClient { BaseAddress = _system.GatewayAddress };
        resident.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ticket.Token);
        await (await resident.PostAsync($"/api/offices/{office}/counters/1/open", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        resident.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.");
        await (await resident.PostAsync($"/api/offices/{office}/counters/1/open", null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_of_another_office_get_403_and_counter_staff_cannot_read_the_audit()
    {
        var office = _system.NewOfficeId();
        var demoOnly = await _system.SignInAsync("yamada", "madoguchi-3");
        await (await demoOnly.PostAsync($"/api/offices/{office}/counters/1/open", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await _system.Staff.GetAsync($"/api/offices/{office}/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Wrong_passwords_are_refused_without_saying_which_part_was_wrong()
    {
        var wrong = await _system.Http.PostAsJsonAsync("/api/staff/sign-in", new { userId = "sato", password = "nope" });
        var unknown = await _system.Http.PostAsJsonAsync("/api/staff/sign-in", new { userId = "nobody", password = "nope" });
        var a = await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var b = await unknown.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        a.GetProperty("detail").GetString().ShouldBe(b.GetProperty("detail").GetString());
        await (await _system.Http.PostAsJsonAsync("/api/staff/sign-in", new { userId = "sato" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task Every_staff_action_is_audited_with_who_what_which_ticket_and_when_for_supervisors()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var suzuki = await _system.SignInAsync("suzuki", "madoguchi-2");
        await suzuki.OpenAsync(office, "2");
        await suzuki.CallNextAsync(office, "2", "audit-call");
        await suzuki.CallNextAsync(office, "2", "audit-call"); // a retry: logged once
        await suzuki.ActAsync(office, "2", "recall");
        await suzuki.CompleteAsync(office, "2");

        var log = JsonDocument.Parse(await _system.Supervisor.GetStringAsync($"/api/offices/{office}/audit?limit=20")).RootElement;
        var actions = log.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldBe(["complete", "recall", "call-next", "open"]);
        foreach (var entry in log.EnumerateArray())
        {
            entry.GetProperty("staffId").GetString().ShouldBe("suzuki");
            entry.GetProperty("counter").GetString().ShouldBe("2");
            entry.GetProperty("at").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        }

        log[0].GetProperty("number").GetString().ShouldBe(ticket.Number);
    }
}
