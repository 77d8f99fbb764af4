namespace Queueing.Notification.Line;

/// <summary>What residents are told: short, plain, Japanese first then English, a ticket number and never a name.</summary>
public static class MessageTexts
{
    public static string Called(string number, string counter) =>
        $"{number}番の方、{counter}番窓口へお越しください。\nNumber {number}: it is your turn. Please go to counter {counter}.";

    public static string Approaching(string number, int position, int p50, int p90) =>
        $"{number}番の方、まもなく順番です（あと{position}人、約{p50}〜{p90}分）。窓口の近くでお待ちください。\nNumber {number}: your turn is coming soon ({position} ahead, about {p50}-{p90} min). Please wait near the counters.";

    public static string Linked(string number) =>
        $"{number}番の呼び出しをこのLINEでお知らせします。\nWe will message you here when number {number} is called.";
}
