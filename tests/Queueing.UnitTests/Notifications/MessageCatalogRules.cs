using Queueing.Notification.Texts;
using Shouldly;
using Xunit;

namespace Queueing.UnitTests.Notifications;

/// <summary>The texts residents receive: complete in every language, filled in, Japanese (or the chosen language) first and English second.</summary>
public sealed class MessageCatalogRules
{
    private static readonly MessageCatalog Catalog = new();

    private static readonly Dictionary<string, object?> Args = new()
    {
        ["number"] = "A-012", ["counter"] = "3", ["position"] = "2", ["p50"] = "4", ["p90"] = "9", ["code"] = "K7QX2MPD",
        ["date"] = new DateOnly(2026, 11, 24), ["time"] = "10:30", ["previous"] = "2026-11-23 09:00", ["link"] = "https://city.example/ticket.html?token=x",
    };

    public static TheoryData<string, string> EveryMessage()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in MessageCatalog.Languages)
        {
            foreach (var kind in Catalog.Kinds)
            {
                data.Add(language, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMessage))]
    public void Every_message_exists_in_every_language_with_every_placeholder_filled(string language, string kind)
    {
        var message = Catalog.Render(kind, language, Args);
        message.Text.ShouldNotBeNullOrWhiteSpace();
        message.Text.ShouldNotContain("{");
        message.Subject.ShouldNotContain("{");
        message.Text.Length.ShouldBeLessThan(1000, "short, plain texts");
    }

    [Fact]
    public void Japanese_comes_first_and_English_second()
    {
        var called = Catalog.Render("called", "ja", Args).Text;
        called.ShouldStartWith("A-012番の方、3番窓口へお越しください。");
        called.ShouldEndWith("Number A-012: it is your turn. Please go to counter 3.");
    }

    [Fact]
    public void A_resident_who_chose_English_gets_English_only()
    {
        var called = Catalog.Render("called", "en", Args).Text;
        called.ShouldBe("Number A-012: it is your turn. Please go to counter 3.");
    }

    [Fact]
    public void Chinese_and_Korean_residents_get_their_language_then_English()
    {
        Catalog.Render("called", "zh", Args).Text.ShouldStartWith("A-012号，轮到您了。请到3号窗口。");
        Catalog.Render("called", "ko", Args).Text.ShouldStartWith("A-012번 고객님, 3번 창구로 오세요.");
        Catalog.Render("called", "ko", Args).Text.ShouldContain("counter 3");
    }

    [Theory]
    [InlineData("ja", "11月24日(火)")]
    [InlineData("en", "Tue, Nov 24")]
    [InlineData("zh", "11月24日(周二)")]
    [InlineData("ko", "11월 24일(화)")]
    public void Dates_are_written_the_way_each_language_writes_them(string language, string expected)
    {
        MessageCatalog.FormatDate(language, new DateOnly(2026, 11, 24)).ShouldBe(expected);
        Catalog.Render("booking-confirmed", language, Args).Text.ShouldContain(expected);
    }

    [Theory]
    [InlineData("EN", "en")]
    [InlineData("en-US", "en")]
    [InlineData("zh-Hans", "zh")]
    [InlineData("fr", "ja")]
    [InlineData(null, "ja")]
    public void Unknown_languages_fall_back_to_Japanese(string? chosen, string expected) =>
        MessageCatalog.Normalize(chosen).ShouldBe(expected);

    [Fact]
    public void The_thank_you_message_carries_five_survey_buttons_whose_answers_parse_back()
    {
        var thanks = Catalog.Render("thank-you", "ja", Args);
        thanks.QuickReplies.Count.ShouldBe(5);
        thanks.QuickReplies.Select(q => MessageCatalog.ParseSurveyAnswer(q.Text)).ShouldBe([5, 4, 3, 2, 1]);
        thanks.QuickReplies.ShouldAllBe(q => q.Label.Length <= 20);
        Catalog.Render("called", "ja", Args).QuickReplies.ShouldBeEmpty();
    }

    [Fact]
    public void The_e_mail_thank_you_does_not_mention_buttons_it_cannot_have()
    {
        var mail = Catalog.Render("thank-you-mail", "ja", Args);
        mail.QuickReplies.ShouldBeEmpty();
        mail.Text.ShouldNotContain("ボタン");
        mail.Text.ShouldNotContain("tap");
    }

    [Theory]
    [InlineData("★★★ ふつう", 3)]
    [InlineData("★★★★★", 5)]
    [InlineData("★★★★★★", null)]
    [InlineData("A-012", null)]
    [InlineData("★x", null)]
    public void Survey_answers_are_read_by_their_stars(string text, int? rating) =>
        MessageCatalog.ParseSurveyAnswer(text).ShouldBe(rating);

    [Fact]
    public void Messages_never_carry_more_than_the_number_code_slot_and_link()
    {
        foreach (var language in MessageCatalog.Languages)
        {
            foreach (var kind in Catalog.Kinds)
            {
                var text = Catalog.Render(kind, language, Args).Text;
                text.ShouldNotContain("@", customMessage: $"{language}/{kind} must not carry an address");
            }
        }
    }
}
