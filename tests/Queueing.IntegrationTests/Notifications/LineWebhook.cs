using System.Net;
using System.Net.Http.Json;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Notifications;

/// <summary>
/// The LINE webhook at the Gateway: only correctly signed bodies are processed; a resident links a ticket by sending
/// its code, chooses a language, and unlinks everything by blocking the account.
/// </summary>
public sealed class LineWebhook(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    private static string NewUser() => "U" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Unsigned_or_wrongly_signed_bodies_are_refused_and_nothing_is_processed()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var user = NewUser();
        var body = LinePlatform.WebhookBody("message", user, $"連携 {ticket.Token}");

        await (await _system.PostLineWebhookAsync(body, sign: false)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "x-line-signature");
        await (await _system.PostLineWebhookAsync(body, signature: "N3ac7+hsyJYWogLOZHW/+PAsUqs53SOH32snw2Iq2VY=")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "x-line-signature");
        var signedWithAnotherSecret = Queueing.Gateway.Notifications.LineSignature.Compute("another-secret", System.Text.Encoding.UTF8.GetBytes(body));
        await (await _system.PostLineWebhookAsync(body, signature: signedWithAnotherSecret)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "x-line-signature");

        await Task.Delay(1500);
        (await _system.LinePushesAsync(user)).ShouldBeEmpty("nothing from a refused webhook may be processed");
    }

    [Fact]
    public async Task A_signed_body_that_is_not_a_webhook_is_a_clear_400_and_an_empty_verify_call_is_200()
    {
        await (await _system.PostLineWebhookAsync("not json")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "body");
        await (await _system.PostLineWebhookAsync("""{"destination":"U1"}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "events");
        (await _system.PostLineWebhookAsync("""{"destination":"U1","events":[]}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sending_the_ticket_code_links_the_ticket_once_even_when_LINE_redelivers_the_event()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var user = NewUser();
        var body = LinePlatform.WebhookBody("message", user, $"連携 {ticket.Token}", eventId: "01JLINKTEST" + Guid.NewGuid().ToString("N")[..15]);

        (await _system.PostLineWebhookAsync(body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _system.PostLineWebhookAsync(body)).StatusCode.ShouldBe(HttpStatusCode.OK); // LINE redelivers

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1);
        pushes[0].Texts.Single().ShouldContain($"{ticket.Number}番で受け付けました");
        pushes[0].Texts.Single().ShouldContain($"ticket.html?token={ticket.Token}");

        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");
        var all = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Any(x => x.Texts.Single().Contains("1番窓口")));
        await Task.Delay(1000);
        (await _system.LinePushesAsync(user)).Count(p => p.Texts.Single().Contains("受け付けました")).ShouldBe(1);
        all.Count(p => p.Texts.Single().Contains("1番窓口")).ShouldBe(1);
    }

    [Fact]
    public async Task A_resident_who_chooses_English_gets_English_only()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var user = NewUser();
        (await _system.PostLineWebhookAsync(LinePlatform.WebhookBody("follow", user))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _system.PostLineWebhookAsync(LinePlatform.WebhookBody("message", user, "English"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(500); // the two events are processed in order of arrival by one consumer; give the first a moment
        (await _system.PostLineWebhookAsync(LinePlatform.WebhookBody("message", user, ticket.Token))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1);
        pushes[0].Texts.Single().ShouldStartWith($"You are number {ticket.Number}.");
        pushes[0].Texts.Single().ShouldNotContain("受け付けました");
    }

    [Fact]
    public async Task Blocking_the_account_unlinks_every_ticket_of_that_user()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var user = NewUser();
        (await _system.Http.PostAsJsonAsync($"/api/tickets/{ticket.Token}/line", new { userId = user })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1);

        (await _system.PostLineWebhookAsync(LinePlatform.WebhookBody("unfollow", user))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Task.Delay(1000);
        var before = (await _system.LinePushesAsync(user)).Count;

        await _system.Staff.OpenAsync(office, "1");
        (await _system.Staff.CallNextAsync(office, "1"))!.Number.ShouldBe(ticket.Number);
        await Task.Delay(1500);
        (await _system.LinePushesAsync(user)).Count.ShouldBe(before, "a blocked account is not messaged");
    }
}
