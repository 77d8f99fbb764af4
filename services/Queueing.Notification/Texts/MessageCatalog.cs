using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Queueing.Notification.Texts;

/// <summary>A message ready for a channel: an e-mail subject, the text, and optional LINE quick-reply buttons.</summary>
public sealed record OutgoingMessage(string Subject, string Text, IReadOnlyList<QuickReply> QuickReplies);

/// <summary>A LINE quick-reply button: tapping it sends <see cref="Text"/> back as a message event.</summary>
public sealed record QuickReply(string Label, string Text);

/// <summary>
/// Every text residents receive, from the resource files <c>Texts/messages.{language}.json</c> (embedded). A message
/// is the resident's language first and English second (English only when English was chosen). Placeholders are
/// <c>{name}</c>; dates are written the way each language writes them. Texts carry ticket numbers and booking codes,
/// never names.
/// </summary>
public sealed class MessageCatalog
{
    public const string DefaultLanguage = "ja";

    /// <summary>The languages residents can choose; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Languages = ["ja", "en", "zh", "ko"];

    private static readonly Dictionary<string, string[]> DayNames = new(StringComparer.Ordinal)
    {
        ["ja"] = ["日", "月", "火", "水", "木", "金", "土"],
        ["en"] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        ["zh"] = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        ["ko"] = ["일", "월", "화", "수", "목", "금", "토"],
    };

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    private readonly Dictionary<string, Dictionary<string, Template>> _texts;

    public MessageCatalog()
    {
        _texts = Languages.ToDictionary(l => l, Load, StringComparer.Ordinal);
        var kinds = _texts[DefaultLanguage].Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var (language, texts) in _texts)
        {
            if (!kinds.SetEquals(texts.Keys))
            {
                var missing = kinds.Except(texts.Keys).Concat(texts.Keys.Except(kinds));
                throw new InvalidOperationException($"messages.{language}.json does not have the same messages as messages.ja.json: {string.Join(", ", missing)}");
            }
        }
    }

    public IReadOnlyCollection<string> Kinds => _texts[DefaultLanguage].Keys;

    /// <summary>The supported language code for a choice such as "en-US" or "EN"; Japanese when unknown.</summary>
    public static string Normalize(string? language)
    {
        var code = (language ?? "").Trim().ToLowerInvariant();
        var dash = code.IndexOf('-', StringComparison.Ordinal);
        code = dash > 0 ? code[..dash] : code;
        return Languages.Contains(code) ? code : DefaultLanguage;
    }

    /// <summary>The message of a kind in the resident's language (then English), with the survey buttons for "thank-you".</summary>
    public OutgoingMessage Render(string kind, string? language, IReadOnlyDictionary<string, object?> args)
    {
        var lang = Normalize(language);
        var (subject, text) = Format(lang, kind, args);
        if (lang != "en")
        {
            var (enSubject, enText) = Format("en", kind, args);
            subject = subject.Length == 0 ? enSubject : $"{subject} / {enSubject}";
            text = $"{text}\n\n{enText}";
        }

        var quick = kind == "thank-you"
            ? Enumerable.Range(1, 5).Reverse().Select(n => new QuickReply(Word(lang, $"survey-{n}"), SurveyAnswer(n, Word(lang, $"survey-{n}")))).ToList()
            : [];
        return new OutgoingMessage(subject, text, quick);
    }

    /// <summary>A single word or label in one language (no English line), for buttons.</summary>
    public string Word(string language, string kind) => _texts[Normalize(language)][kind].Text;

    /// <summary>A survey answer as sent back by a quick-reply button: one star per point, then the words.</summary>
    public static string SurveyAnswer(int rating, string words) => $"{new string('★', rating)} {words}";

    /// <summary>The rating (1-5) of a survey answer sent back from a quick-reply button, or null.</summary>
    public static int? ParseSurveyAnswer(string text)
    {
        var stars = text.TakeWhile(c => c == '★').Count();
        return stars is >= 1 and <= 5 && (text.Length == stars || text[stars] == ' ') ? stars : null;
    }

    /// <summary>A date as each language writes it: 11月22日(日), Sun, Nov 22, 11月22日(周日), 11월 22일(일).</summary>
    public static string FormatDate(string language, DateOnly date)
    {
        var day = DayNames[Normalize(language)][(int)date.DayOfWeek];
        return Normalize(language) switch
        {
            "en" => $"{day}, {MonthNames[date.Month - 1]} {date.Day}",
            "ko" => $"{date.Month}월 {date.Day}일({day})",
            _ => $"{date.Month}月{date.Day}日({day})",
        };
    }

    private (string Subject, string Text) Format(string language, string kind, IReadOnlyDictionary<string, object?> args)
    {
        if (!_texts[language].TryGetValue(kind, out var template))
        {
            throw new ArgumentException($"No message '{kind}'.", nameof(kind));
        }

        return (Fill(template.Subject, language, args), Fill(template.Text, language, args));
    }

    private static string Fill(string template, string language, IReadOnlyDictionary<string, object?> args)
    {
        var result = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                result.Append(template, i, template.Length - i);
                break;
            }

            result.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            result.Append(args.TryGetValue(name, out var value) ? Text(language, value) : $"{{{name}}}");
            i = close + 1;
        }

        return result.ToString();
    }

    private static string Text(string language, object? value) => value switch
    {
        null => "",
        DateOnly date => FormatDate(language, date),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static Dictionary<string, Template> Load(string language)
    {
        var name = $"Queueing.Notification.Texts.messages.{language}.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is missing.");
        return JsonSerializer.Deserialize<Dictionary<string, Template>>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"Resource {name} is empty.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record Template(string Subject, string Text);
}
