using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Queueing.Contracts.Reservations;
using Queueing.Contracts.Ticketing;
using Queueing.Notification.Texts;
using Queueing.Testing;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Notifications;

/// <summary>
/// Contract tests: every message kind residents receive reaches the LINE emulator in LINE's wire format (the
/// emulator validates it like the real API), in the resident's language, once.
/// </summary>
public sealed class MessageKinds(SystemFixture fixture) : IClassFixture<SystemFixture>
{
    private readonly QueueingSystem _system = fixture.System;

    private IBus Bus => _system.Gateway.Get<IBus>();

    private static string NewUser() => "U" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_ticket_hears_issued_approaching_called_and_thank_you_with_survey_buttons()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var user = NewUser();
        (await _system.Http.PostAsJsonAsync($"/api/tickets/{ticket.Token}/line", new { userId = user })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");
        await _system.Staff.ActAsync(office, "1", "start");
        await _system.Staff.CompleteAsync(office, "1");

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 4);
        var texts = pushes.Select(p => p.Texts.Single()).ToList();
        texts[0].ShouldContain("受け付けました");
        texts[1].ShouldContain("まもなく順番です");
        texts[2].ShouldContain("1番窓口へお越しください");
        texts[3].ShouldContain("ご来庁ありがとうございました");
        texts.ShouldAllBe(t => t.Contains('\n') && !t.Contains('{'));
        (await _system.LineStatsAsync()).InvalidRequests.ShouldBe(0, "every push, quick replies included, passed the emulator's LINE validation");
    }

    [Fact]
    public async Task A_turn_approaching_message_held_up_by_LINE_is_dropped_once_the_ticket_is_called()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var user = NewUser();
        await _system.LineFaultAsync("500", 1_000_000, to: user);
        (await _system.Http.PostAsJsonAsync($"/api/tickets/{ticket.Token}/line", new { userId = user })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");
        await Task.Delay(500);
        await _system.ClearLineFaultsAsync();

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Any(x => x.Texts.Single().Contains("1番窓口")));
        await Task.Delay(1500);
        var texts = (await _system.LinePushesAsync(user)).Select(p => p.Texts.Single()).ToList();
        texts.ShouldContain(t => t.Contains("受け付けました"));
        texts.ShouldNotContain(t => t.Contains("まもなく順番です"), "after being called, 'your turn is near' would only confuse");
        var log = await _system.Supervisor.GetFromJsonAsync<Queueing.Contracts.Notifications.DeliveryLog>($"/api/offices/{office}/notifications?subject={ticket.Number}");
        log!.Entries.ShouldContain(e => e.Milestone.StartsWith("approaching@") && e.Status == "expired" && e.Reason!.StartsWith("superseded"));
    }

    [Fact]
    public async Task A_no_show_is_told_that_the_ticket_was_closed()
    {
        var office = _system.NewOfficeId();
        var ticket = await _system.Http.TakeAsync(office, "juminhyo");
        var user = NewUser();
        (await _system.Http.PostAsJsonAsync($"/api/tickets/{ticket.Token}/line", new { userId = user, language = "zh" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");
        var recall = await _system.Staff.PostAsync($"/api/offices/{office}/counters/1/recall", null);
        while (recall.IsSuccessStatusCode && !(await _system.Staff.PostAsync($"/api/offices/{office}/counters/1/no-show", null)).IsSuccessStatusCode)
        {
            recall = await _system.Staff.PostAsync($"/api/offices/{office}/counters/1/recall", null);
        }

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Any(x => x.Texts.Single().Contains("已结束受理")));
        pushes.Last().Texts.Single().ShouldContain("please take a new ticket");
        pushes[0].Texts.Single().ShouldStartWith($"您的号码是 {ticket.Number}");
    }

    [Fact]
    public async Task Booking_confirmed_changed_cancelled_and_reminders_reach_the_resident_in_their_language()
    {
        var office = _system.NewOfficeId();
        var user = NewUser();
        var code = "KT" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var date = DateOnly.FromDateTime(_system.Clock.GetUtcNow().UtcDateTime).AddDays(9);
        BookingConfirmed Confirmed() => new()
        {
            OfficeId = office, Code = code, Date = date, Time = "10:30", Procedures = ["juminhyo"], LineUserId = user, Language = "ko",
            At = DateTimeOffset.UtcNow,
        };

        await Bus.Publish(Confirmed());
        await Bus.Publish(Confirmed()); // published twice (a redelivered command): one message
        await Bus.Publish(new BookingReminderDue { OfficeId = office, Code = code, Kind = "day-before", Date = date, Time = "10:30", LineUserId = user, Language = "ko" });
        await Bus.Publish(new BookingRescheduled
        {
            OfficeId = office, Code = code, Date = date.AddDays(1), Time = "14:00", Procedures = ["juminhyo"], LineUserId = user, Language = "ko",
            PreviousDate = date, PreviousTime = "10:30", At = DateTimeOffset.UtcNow,
        });
        await Bus.Publish(new BookingCancelled
        {
            OfficeId = office, Code = code, Date = date.AddDays(1), Time = "14:00", Procedures = ["juminhyo"], LineUserId = user, Language = "ko",
            Reason = "resident", At = DateTimeOffset.UtcNow,
        });

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 4);
        await Task.Delay(800);
        var texts = (await _system.LinePushesAsync(user)).Select(p => p.Texts.Single()).ToList();
        texts.Count.ShouldBe(4, string.Join("\n---\n", texts));
        texts.ShouldContain(t => t.Contains("방문 예약이 완료되었습니다") || t.Contains($"예약 번호는 {code}"));
        texts.ShouldContain(t => t.Contains("내일") && t.Contains(MessageCatalog.FormatDate("ko", date)));
        texts.ShouldContain(t => t.Contains($"{MessageCatalog.FormatDate("ko", date.AddDays(1))} 14:00") && t.Contains($"{date:yyyy-MM-dd} 10:30"));
        texts.ShouldContain(t => t.Contains("취소되었습니다"));
        texts.ShouldAllBe(t => t.Contains($"booking.html?code={code}") || t.Contains("cancelled") || t.Contains("취소"));
        pushes.ShouldAllBe(p => p.Texts.Single().Contains(code));
    }

    [Fact]
    public async Task A_booking_moved_after_its_reminder_gets_a_reminder_for_the_new_slot_and_every_move_is_told()
    {
        var office = _system.NewOfficeId();
        var user = NewUser();
        var code = "MV" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var day = DateOnly.FromDateTime(_system.Clock.GetUtcNow().UtcDateTime).AddDays(6);
        BookingRescheduled Moved(string from, string to, int minute) => new()
        {
            OfficeId = office, Code = code, Date = day, Time = to, PreviousDate = day, PreviousTime = from, Procedures = ["juminhyo"],
            LineUserId = user, At = new DateTimeOffset(2026, 1, 1, 0, minute, 0, TimeSpan.Zero),
        };

        await Bus.Publish(new BookingReminderDue { OfficeId = office, Code = code, Kind = "day-before", Date = day, Time = "10:00", LineUserId = user });
        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1);
        await Bus.Publish(Moved("10:00", "14:00", 1));
        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 2);
        await Bus.Publish(Moved("14:00", "10:00", 2)); // and back: told again
        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 3);
        await Bus.Publish(Moved("14:00", "10:00", 2)); // the same move redelivered: not told twice
        await Bus.Publish(new BookingReminderDue { OfficeId = office, Code = code, Kind = "day-before", Date = day, Time = "15:30", LineUserId = user });

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 4);
        await Task.Delay(1000);
        var texts = (await _system.LinePushesAsync(user)).Select(p => p.Texts.Single()).ToList();
        texts.Count.ShouldBe(4, string.Join("\n---\n", texts));
        texts.Count(t => t.Contains("変更しました")).ShouldBe(2);
        texts.ShouldContain(t => t.Contains("明日") && t.Contains("15:30"));
    }

    [Fact]
    public async Task A_booking_that_became_a_no_show_is_told_how_to_come_another_time()
    {
        var office = _system.NewOfficeId();
        var user = NewUser();
        var code = "NS" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await Bus.Publish(new BookingCancelled
        {
            OfficeId = office, Code = code, Date = DateOnly.FromDateTime(_system.Clock.GetUtcNow().UtcDateTime), Time = "09:00",
            Procedures = ["juminhyo"], LineUserId = user, Reason = "no-show", At = DateTimeOffset.UtcNow,
        });

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1);
        pushes.Single().Texts.Single().ShouldContain($"予約番号 {code}");
        pushes.Single().Texts.Single().ShouldContain("受付時間が過ぎたため");
        pushes.Single().Texts.Single().ShouldContain("take a ticket or book again");
    }

    [Fact]
    public async Task A_checked_in_booking_passes_its_LINE_link_to_its_ticket()
    {
        var office = _system.NewOfficeId();
        var user = NewUser();
        var ticket = await _system.Http.TakeAsync(office, new { procedure = "juminhyo", channel = "kiosk" });
        var status = await _system.Http.StatusAsync(ticket.Token);
        await Bus.Publish(new BookingCheckedIn
        {
            OfficeId = office, Code = "CHK" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant(), Date = DateOnly.FromDateTime(_system.Clock.GetUtcNow().UtcDateTime), Time = "10:30",
            Procedures = ["juminhyo"], LineUserId = user, Language = "en", At = DateTimeOffset.UtcNow,
            TicketId = ticket.TicketId, TicketNumber = status.Number, TicketToken = ticket.Token,
        });

        var pushes = await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Count >= 1);
        pushes[0].Texts.Single().ShouldStartWith($"You are number {ticket.Number}.");

        await _system.Staff.OpenAsync(office, "1");
        await _system.Staff.CallNextAsync(office, "1");
        await Poll.UntilAsync(() => _system.LinePushesAsync(user), p => p.Any(x => x.Texts.Single().Contains("Please go to counter 1")));
    }

    [Fact]
    public async Task A_day_before_reminder_that_arrives_on_the_day_itself_is_not_sent_but_logged_as_expired()
    {
        var office = _system.NewOfficeId();
        var user = NewUser();
        var code = "ST" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_system.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);
        await Bus.Publish(new BookingReminderDue { OfficeId = office, Code = code, Kind = "day-before", Date = today, Time = "23:59", LineUserId = user });

        var log = await Poll.UntilAsync(
            () => _system.Supervisor.GetFromJsonAsync<Queueing.Contracts.Notifications.DeliveryLog>($"/api/offices/{office}/notifications?subject={code}"),
            l => l!.Entries.Any(e => e.Status == "expired"));
        log!.Entries.ShouldContain(e => e.Status == "expired" && e.Milestone.StartsWith("reminder-day-before@"));
        log.Failed.ShouldBe(0, "a stale reminder is not a delivery failure");
        (await _system.LinePushesAsync(user)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reminder_for_a_booking_without_contacts_sends_nothing()
    {
        var office = _system.NewOfficeId();
        var user = NewUser();
        var code = "LK" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        await Bus.Publish(new BookingReminderDue { OfficeId = office, Code = code, Kind = "hour-before", Date = new DateOnly(2026, 12, 1), Time = "10:30" });
        await Task.Delay(800);
        (await _system.AllLinePushesAsync()).ShouldNotContain(p => p.Texts.Any(t => t.Contains(code)));
    }
}
