using System.Net;
using System.Net.Http.Json;
using Queueing.Contracts.Notifications;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Notifications;

/// <summary>
/// The whole LINE path with the emulator playing the platform: a resident adds the account, sends the code from
/// their ticket (the emulator signs the webhook like LINE), hears "called", and answers the survey with one tap.
/// </summary>
public sealed class LineEndToEnd(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    [Fact]
    public async Task From_taking_a_ticket_to_the_called_message_and_the_survey_answer()
    {
        var office = _system.NewOfficeId();
        var user = "U" + Guid.NewGuid().ToString("N");
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");

        // The ticket page's LINE button opens LINE with the code typed in.
        var link = await _system.Http.GetFromJsonAsync<LineLink>($"/api/tickets/{ticket.Token}/line-link");
        link!.Message.ShouldBe($"連携 {ticket.Token}");
        (await _system.Http.GetAsync($"/api/tickets/{ticket.Token}/line-link.svg")).Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");

        (await _system.LineUserAsync(user, "follow")).ShouldBe(200);
        var welcome = await Poll.UntilAsync(() => _system.LineRepliesAsync(user), r => r.Count >= 1);
        welcome[0].Texts.Single().ShouldContain("友だち追加ありがとうございます");

        (await _system.LineUserAsync(user, "messages", link.Message)).ShouldBe(200);
        var issued = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1);
        issued[0].Texts.Single().ShouldContain($"{ticket.Number}番で受け付けました");

        await _system.Staff.OpenAsync(office, "2");
        await _system.Staff.CallNextAsync(office, "2");
        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Any(x => x.Texts.Single().Contains($"{ticket.Number}番の方、2番窓口へお越しください")));

        await _system.Staff.ActAsync(office, "2", "start");
        await _system.Staff.CompleteAsync(office, "2");
        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Any(x => x.Texts.Single().Contains("ご来庁ありがとうございました")));

        (await _system.LineUserAsync(user, "messages", "★★★★★ とても満足")).ShouldBe(200);
        (await _system.LineUserAsync(user, "messages", "★★★★★ とても満足")).ShouldBe(200); // a second tap counts once
        var thanks = await Poll.UntilAsync(() => _system.LineRepliesAsync(user), r => r.Count >= 2);
        thanks[1].Texts.Single().ShouldContain("ご回答ありがとうございました");

        var log = await Poll.UntilAsync(() => _system.Supervisor.GetFromJsonAsync<DeliveryLog>($"/api/offices/{office}/notifications"), l => l!.Survey.Count > 0);
        log!.Survey.ShouldBe(new Dictionary<string, int> { ["5"] = 1 });
        log.Failed.ShouldBe(0);
        log.Sent.ShouldBeGreaterThanOrEqualTo(3);
        log.Entries.ShouldContain(e => e.Subject == ticket.Number && e.Milestone.StartsWith("called@") && e.Status == "sent" && e.Channel == "line");
    }

    [Fact]
    public async Task A_code_that_matches_nothing_gets_a_helpful_answer_and_links_nothing()
    {
        var user = "U" + Guid.NewGuid().ToString("N");
        (await _system.LineUserAsync(user, "messages", "連携 AAAAAAAAAAAAAAAAAAAAAA")).ShouldBe(200);
        var replies = await Poll.UntilAsync(() => _system.LineRepliesAsync(user), r => r.Count >= 1);
        replies[0].Texts.Single().ShouldContain("そのコードは見つかりませんでした");
        (await _system.LinePushesAsync(user)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Supervisors_read_the_delivery_log_counter_staff_may_not_and_bad_dates_are_named()
    {
        var office = _system.NewOfficeId();
        (await _system.Supervisor.GetAsync($"/api/offices/{office}/notifications?date=2026-11-22")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await _system.Staff.GetAsync($"/api/offices/{office}/notifications")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await _system.Http.GetAsync($"/api/offices/{office}/notifications")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await _system.Supervisor.GetAsync($"/api/offices/{office}/notifications?date=22/11/2026")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date");
        await (await _system.Supervisor.GetAsync("/api/offices/nowhere/notifications")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task LINE_links_answer_bad_input_with_the_field_and_unknown_codes_with_404()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        await (await _system.Http.GetAsync($"/api/tickets/{ticket.Token}/line-link?lang=fr")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "lang");
        (await _system.Http.GetFromJsonAsync<LineLink>($"/api/tickets/{ticket.Token}/line-link?lang=en"))!.Message.ShouldBe($"LINK {ticket.Token}");
        (await _system.Http.GetAsync("/api/tickets/AAAAAAAAAAAAAAAAAAAAAA/line-link")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _system.Http.GetAsync("/api/tickets/AAAAAAAAAAAAAAAAAAAAAA/line-link.svg")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _system.Http.GetAsync("/api/bookings/ZZZZZZZZ/line-link")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private sealed record LineLink(string Url, string Message);
}
