using System.Globalization;

namespace Queueing.Notification.Line;

/// <summary>What residents are told: short, plain, Japanese first then English, a ticket number and never a name.</summary>
public static class MessageTexts
{
    public static string Called(string number, string counter) =>
        $"{number}番の方、{counter}番窓口へお越しください。\nNumber {number}: it is your turn. Please go to counter {counter}.";

    public static string Approaching(string number, int position, int p50, int p90) =>
        $"{number}番の方、まもなく順番です（あと{position}人、約{p50}〜{p90}分）。窓口の近くでお待ちください。\nNumber {number}: your turn is coming soon ({position} ahead, about {p50}-{p90} min). Please wait near the counters.";

    public static string Reminder(string kind, DateOnly date, string time, string code) => kind == "day-before"
        ? $"明日 {date.Month}月{date.Day}日 {time} に来庁のご予約があります（予約番号 {code}）。\nReminder: your visit is tomorrow, {date.ToString("MMM d", CultureInfo.InvariantCulture)} at {time} (booking {code})."
        : $"本日 {time} に来庁のご予約があります（予約番号 {code}）。到着したら発券機で予約番号を入力してください。\nReminder: your visit is today at {time} (booking {code}). Check in at the kiosk when you arrive.";

    public static string Linked(string number) =>
        $"{number}番の呼び出しをこのLINEでお知らせします。\nWe will message you here when number {number} is called.";
}
