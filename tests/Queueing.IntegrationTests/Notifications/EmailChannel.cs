using System.Net.Http.Json;
using MassTransit;
using Queueing.Contracts.Notifications;
using Queueing.Contracts.Reservations;
using Queueing.Notification.Texts;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Notifications;

/// <summary>E-mail over SMTP (to the emulator's sink): the channel for residents who gave only an address, and the fallback when LINE refuses for good.</summary>
public sealed class EmailChannel(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    private IBus Bus => _system.Gateway.Get<IBus>();

    private DateOnly VisitDay => DateOnly.FromDateTime(_system.Clock.GetUtcNow().UtcDateTime).AddDays(11);

    private BookingConfirmed Booking(string office, string code, string? line, string? email, string language = "ja") => new()
    {
        OfficeId = office, Code = code, Date = VisitDay, Time = "09:30", Procedures = ["juminhyo"],
        LineUserId = line, Email = email, Language = language, At = DateTimeOffset.UtcNow,
    };

    private static string NewCode() => "EM" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    [Fact]
    public async Task A_resident_who_gave_only_an_address_gets_one_plain_mail_in_Japanese_and_English()
    {
        var office = _system.NewOfficeId();
        var code = NewCode();
        var address = $"{code.ToLowerInvariant()}@example.jp";
        await Bus.Publish(Booking(office, code, null, address));
        await Bus.Publish(Booking(office, code, null, address)); // twice: still one mail

        var mail = await Poll.UntilAsync(() => _system.MailAsync(address), m => m.Count >= 1);
        mail[0].Subject.ShouldBe($"来庁予約を受け付けました（{code}） / Your visit is booked ({code})");
        mail[0].Body.ShouldContain($"{MessageCatalog.FormatDate("ja", VisitDay)} 09:30 の来庁予約を受け付けました");
        mail[0].Body.ShouldContain($"Your visit on {MessageCatalog.FormatDate("en", VisitDay)} at 09:30 is booked.");
        mail[0].Body.ShouldContain($"http://city.example/booking.html?code={code}");
        mail[0].MessageId.ShouldEndWith("@matanai>");
        await Task.Delay(800);
        (await _system.MailAsync(address)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task When_LINE_refuses_for_good_the_same_message_goes_by_mail_and_the_log_says_why()
    {
        var office = _system.NewOfficeId();
        var code = NewCode();
        var user = "U" + Guid.NewGuid().ToString("N");
        var address = $"{code.ToLowerInvariant()}@example.jp";
        await _system.LineFaultAsync("400", 5, to: user);

        await Bus.Publish(Booking(office, code, user, address, language: "en"));

        var mail = await Poll.UntilAsync(() => _system.MailAsync(address), m => m.Count >= 1);
        mail.Single().Subject.ShouldBe($"Your visit is booked ({code})");
        (await _system.LinePushesAsync(user)).ShouldBeEmpty();

        var log = await _system.Supervisor.GetFromJsonAsync<DeliveryLog>($"/api/offices/{office}/notifications?subject={code}");
        var steps = Enumerable.Reverse(log!.Entries).Select(e => $"{e.Channel}:{e.Status}").ToList();
        steps.ShouldBe(["line:queued", "line:failed", "email:queued", "email:fallback", "email:sent"], string.Join(", ", steps));
        log.Entries.Single(e => e.Status == "failed").Reason!.ShouldStartWith("400:");
        log.Failed.ShouldBe(1);
        await _system.ClearLineFaultsAsync();
    }

    [Fact]
    public async Task A_mail_server_that_is_busy_once_gets_the_mail_on_the_next_attempt_exactly_once()
    {
        var office = _system.NewOfficeId();
        var code = NewCode();
        var address = $"{code.ToLowerInvariant()}@example.jp";
        await _system.SmtpFaultAsync("421", 1, to: address);

        await Bus.Publish(Booking(office, code, null, address));

        await Poll.UntilAsync(() => _system.MailAsync(address), m => m.Count >= 1);
        await Task.Delay(1500);
        (await _system.MailAsync(address)).Count.ShouldBe(1);
        var log = await _system.Supervisor.GetFromJsonAsync<DeliveryLog>($"/api/offices/{office}/notifications?subject={code}");
        Enumerable.Reverse(log!.Entries).Select(e => e.Status).ShouldBe(["queued", "retrying", "sent"]);
        log.Retried.ShouldBe(1);
    }

    [Fact]
    public async Task A_mailbox_that_does_not_exist_is_a_permanent_failure_not_retried()
    {
        var office = _system.NewOfficeId();
        var code = NewCode();
        var address = $"{code.ToLowerInvariant()}@example.jp";
        await _system.SmtpFaultAsync("550", 1, to: address);

        await Bus.Publish(Booking(office, code, null, address));

        var log = await Poll.UntilAsync(
            () => _system.Supervisor.GetFromJsonAsync<DeliveryLog>($"/api/offices/{office}/notifications?subject={code}"),
            l => l!.Failed > 0);
        log!.Entries.Single(e => e.Status == "failed").Reason!.ShouldStartWith("5");
        await Task.Delay(1500);
        (await _system.MailAsync(address)).ShouldBeEmpty();
        (await _system.Supervisor.GetFromJsonAsync<DeliveryLog>($"/api/offices/{office}/notifications?subject={code}"))!.Retried.ShouldBe(0);
    }
}
