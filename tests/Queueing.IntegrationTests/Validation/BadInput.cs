using System.Net;
using System.Net.Http.Json;
using System.Text;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Validation;

/// <summary>Every endpoint answers bad input with ProblemDetails naming the field, and changes nothing.</summary>
public sealed class BadInput(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    private HttpClient Http => _system.Http;

    [Fact]
    public async Task Unknown_office_is_404()
    {
        await (await Http.GetAsync("/api/offices/nowhere")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "officeId");
        await (await Http.PostAsJsonAsync("/api/offices/nowhere/tickets", new { procedure = "juminhyo" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "officeId");
        var admin = await _system.SignInAsync("admin", "admin-1");
        await (await admin.PostAsync("/api/offices/nowhere/counters/1/open", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "officeId");
        await (await admin.PostAsync("/api/offices/nowhere/counters/1/call-next", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "officeId");
        await (await admin.PostAsync("/api/offices/nowhere/counters/1/complete", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "officeId");
    }

    [Fact]
    public async Task Ticket_requests_name_the_bad_field_and_issue_nothing()
    {
        var office = _system.NewOfficeId();
        await (await Http.PostAsJsonAsync($"/api/offices/{office}/tickets", new { channel = "kiosk" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "procedure");
        await (await Http.PostAsJsonAsync($"/api/offices/{office}/tickets", new { procedure = "no-such-thing" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "procedure");
        await (await Http.PostAsJsonAsync($"/api/offices/{office}/tickets", new { procedure = "juminhyo", channel = "fax" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "channel");

        using var malformed = new StringContent("{\"procedure\":", Encoding.UTF8, "application/json");
        await (await Http.PostAsync($"/api/offices/{office}/tickets", malformed)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/offices/{office}/tickets") { Content = JsonContent.Create(new { procedure = "juminhyo" }) };
        request.Headers.Add("Idempotency-Key", new string('k', 200));
        await (await Http.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Idempotency-Key");

        // None of the above took a number.
        (await Http.TakeAsync(office, "juminhyo")).Number.ShouldBe("A-001");
    }

    [Fact]
    public async Task Unknown_tokens_are_404_and_line_links_need_a_valid_user_id()
    {
        await (await Http.GetAsync("/api/tickets/AAAAAAAAAAAAAAAAAAAAAA")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "token");
        await (await Http.GetAsync("/api/tickets/short")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "token");
        await (await Http.GetAsync("/api/tickets/AAAAAAAAAAAAAAAAAAAAAA/qr.svg")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "token");
        await (await Http.PostAsJsonAsync("/api/tickets/AAAAAAAAAAAAAAAAAAAAAA/line", new { userId = "Udemo0001" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "token");

        var ticket = await Http.TakeAsync(_system.NewOfficeId(), "juminhyo");
        await (await Http.PostAsJsonAsync($"/api/tickets/{ticket.Token}/line", new { userId = "not-a-line-id" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "userId");
        await (await Http.PostAsJsonAsync($"/api/tickets/{ticket.Token}/line", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "userId");
    }

    [Fact]
    public async Task Counter_commands_refuse_invalid_transitions_with_409()
    {
        var office = _system.NewOfficeId();
        var staff = _system.Staff;
        await (await staff.PostAsync($"/api/offices/{office}/counters/99/open", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "counter");
        await (await staff.GetAsync($"/api/offices/{office}/counters/99")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "counter");

        await Http.TakeAsync(office, "juminhyo");
        // Calling at a closed counter is refused and calls nobody.
        await (await staff.PostAsync($"/api/offices/{office}/counters/1/call-next", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await staff.OpenAsync(office, "1");
        // Acting on a ticket when nobody was called is refused.
        foreach (var action in new[] { "complete", "recall", "start", "no-show", "return", "park" })
        {
            await (await staff.PostAsync($"/api/offices/{office}/counters/1/{action}", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        }

        await (await staff.PostAsJsonAsync($"/api/offices/{office}/counters/1/transfer", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "queue");
        await (await staff.PostAsJsonAsync($"/api/offices/{office}/counters/1/call", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "number");
        await (await staff.PostAsJsonAsync($"/api/offices/{office}/counters/1/call", new { number = "Z-999" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "number");
        (await staff.CallNextAsync(office, "1"))!.Number.ShouldBe("A-001");
        await (await staff.PostAsJsonAsync($"/api/offices/{office}/counters/1/transfer", new { queue = "Q" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "queue");
        // No-show before the required recalls, and pausing with a resident at the counter, are refused.
        await (await staff.PostAsync($"/api/offices/{office}/counters/1/no-show", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await staff.PostAsync($"/api/offices/{office}/counters/1/pause", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
