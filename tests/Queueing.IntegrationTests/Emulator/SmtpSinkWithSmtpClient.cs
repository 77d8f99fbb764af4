using System.Net.Http.Json;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>The emulator's SMTP sink as .NET's own <see cref="SmtpClient"/> sees it: Japanese mail, 421 and 550 faults.</summary>
public sealed class SmtpSinkWithSmtpClient(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Subject = "【みらい市役所】ご予約の確認：12月3日（水）10:30 住民票の写しの交付 / Booking confirmed";
    private const string Body = "山田 太郎 様\n\nご予約を承りました。\n日時：12月3日（水）10:30\n予約番号：K7Q2-91\n\n持ち物：本人確認書類（マイナンバーカード等）";

    [Fact]
    public async Task A_japanese_mail_arrives_decoded_exactly()
    {
        var to = NewAddress();
        using var message = JapaneseMail(to);
        message.Headers.Add("Message-ID", "<booking-K7Q2-91@city.example.jp>");

        await SendAsync(message);

        var mail = (await MailAsync(to)).Single();
        mail.GetProperty("subject").GetString().ShouldBe(Subject);
        mail.GetProperty("body").GetString().ShouldBe(Body);
        mail.GetProperty("from").GetString().ShouldBe("noreply@city.example.jp");
        mail.GetProperty("fromName").GetString().ShouldBe("みらい市役所");
        mail.GetProperty("to").EnumerateArray().Select(a => a.GetString()).ShouldBe([to]);
        mail.GetProperty("messageId").GetString().ShouldBe("<booking-K7Q2-91@city.example.jp>");
    }

    [Fact]
    public async Task The_plain_text_alternative_is_kept_from_a_multipart_mail()
    {
        var to = NewAddress();
        using var message = new MailMessage(new MailAddress("noreply@city.example.jp"), new MailAddress(to))
        {
            Subject = "HTML と テキスト",
            SubjectEncoding = Encoding.UTF8,
        };
        var plain = AlternateView.CreateAlternateViewFromString("テキスト版です。\n= 等号も残ります", Encoding.UTF8, MediaTypeNames.Text.Plain);
        plain.TransferEncoding = TransferEncoding.QuotedPrintable;
        message.AlternateViews.Add(plain);
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString("<p>HTML 版です。</p>", Encoding.UTF8, MediaTypeNames.Text.Html));

        await SendAsync(message);

        (await MailAsync(to)).Single().GetProperty("body").GetString().ShouldBe("テキスト版です。\n= 等号も残ります");
    }

    [Fact]
    public async Task A_421_fault_fails_the_send_as_service_not_available_and_stores_nothing()
    {
        var to = NewAddress();
        await ArmAsync(new { channel = "smtp", mode = "421", count = 1 });
        using var first = JapaneseMail(to);
        using var second = JapaneseMail(to);

        var failure = await Should.ThrowAsync<SmtpException>(() => SendAsync(first));
        var stored = await MailAsync(to);
        await SendAsync(second); // the fault was for one mail only

        failure.StatusCode.ShouldBe(SmtpStatusCode.ServiceNotAvailable);
        stored.ShouldBeEmpty();
        (await MailAsync(to)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_550_fault_rejects_only_the_targeted_recipient_permanently()
    {
        var rejected = NewAddress();
        var accepted = NewAddress();
        await ArmAsync(new { channel = "smtp", mode = "550", count = 5, to = rejected });
        using var toRejected = JapaneseMail(rejected);
        using var toAccepted = JapaneseMail(accepted);

        var failure = await Should.ThrowAsync<SmtpFailedRecipientException>(() => SendAsync(toRejected));
        await SendAsync(toAccepted);

        failure.StatusCode.ShouldBe(SmtpStatusCode.MailboxUnavailable);
        failure.FailedRecipient!.ShouldContain(rejected);
        (await MailAsync(rejected)).ShouldBeEmpty();
        (await MailAsync(accepted)).Count.ShouldBe(1);
        (await emulator.Http.DeleteAsync(new Uri("/emulator/faults?channel=smtp", UriKind.Relative))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_repeated_message_id_is_counted_as_a_duplicate()
    {
        var to = NewAddress();
        var before = await emulator.GetAsync<JsonElement>("/emulator/stats");

        foreach (var _ in new[] { 1, 2 })
        {
            using var message = JapaneseMail(to);
            message.Headers.Add("Message-ID", $"<reminder-{to}>");
            await SendAsync(message);
        }

        var after = await emulator.GetAsync<JsonElement>("/emulator/stats");
        (after.GetProperty("mails").GetInt64() - before.GetProperty("mails").GetInt64()).ShouldBe(2);
        (after.GetProperty("duplicateMessageIds").GetInt64() - before.GetProperty("duplicateMessageIds").GetInt64()).ShouldBe(1);
        (await MailAsync(to)).Count.ShouldBe(2);
    }

    private static string NewAddress() => $"resident-{Guid.NewGuid():N}@example.jp";

    private static MailMessage JapaneseMail(string to) =>
        new(new MailAddress("noreply@city.example.jp", "みらい市役所", Encoding.UTF8), new MailAddress(to))
        {
            Subject = Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = Body,
            BodyEncoding = Encoding.UTF8,
        };

    private async Task SendAsync(MailMessage message)
    {
        using var client = new SmtpClient("127.0.0.1", emulator.SmtpPort) { DeliveryMethod = SmtpDeliveryMethod.Network, Timeout = 10_000 };
        await client.SendMailAsync(message);
    }

    private async Task ArmAsync(object fault) =>
        (await emulator.Http.PostAsJsonAsync("/emulator/faults", fault)).EnsureSuccessStatusCode();

    private async Task<List<JsonElement>> MailAsync(string to) => await emulator.GetAsync<List<JsonElement>>($"/emulator/mail?to={Uri.EscapeDataString(to)}");
}
