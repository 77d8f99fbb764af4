using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Queueing.LineEmulator.Mail;
using Shouldly;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>The SMTP conversation byte by byte (sequence errors, dot-unstuffing), and MIME decoding of raw messages.</summary>
public sealed class SmtpSinkProtocol(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Refuses_commands_out_of_order_and_unstuffs_dots()
    {
        var to = $"raw-{Guid.NewGuid():N}@example.jp";
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", emulator.SmtpPort);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
        var writer = tcp.GetStream();

        async Task<string> SendAsync(string line)
        {
            await writer.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            return await ReplyAsync();
        }

        // A multi-line reply ends at the line with a space after the code.
        async Task<string> ReplyAsync()
        {
            var lines = new List<string>();
            do
            {
                lines.Add((await reader.ReadLineAsync())!);
            }
            while (lines[^1].Length > 3 && lines[^1][3] == '-');
            return string.Join("\n", lines);
        }

        (await ReplyAsync()).ShouldStartWith("220 ");
        (await SendAsync("MAIL FROM:<a@example.jp>")).ShouldStartWith("503 ");
        var ehlo = await SendAsync("EHLO test.example.jp");
        ehlo.ShouldStartWith("250-");
        ehlo.ShouldContain("8BITMIME");
        ehlo.ShouldContain("SMTPUTF8");
        ehlo.ShouldContain("SIZE");
        (await SendAsync("RCPT TO:<b@example.jp>")).ShouldStartWith("503 ");
        (await SendAsync("DATA")).ShouldStartWith("503 ");
        (await SendAsync("FROB")).ShouldStartWith("500 ");
        (await SendAsync("NOOP")).ShouldStartWith("250 ");
        (await SendAsync("MAIL FROM:<a@example.jp>")).ShouldStartWith("250 ");
        (await SendAsync("MAIL FROM:<a@example.jp>")).ShouldStartWith("503 ");
        (await SendAsync("RSET")).ShouldStartWith("250 ");
        (await SendAsync("RCPT TO:<b@example.jp>")).ShouldStartWith("503 ", customMessage: "RSET ended the transaction");
        (await SendAsync("MAIL FROM:<a@example.jp> BODY=8BITMIME")).ShouldStartWith("250 ");
        (await SendAsync($"RCPT TO:<{to}>")).ShouldStartWith("250 ");
        (await SendAsync("DATA")).ShouldStartWith("354 ");
        (await SendAsync("Subject: dots\r\n\r\n..starts with a dot\r\n.")).ShouldStartWith("250 ");
        (await SendAsync("QUIT")).ShouldStartWith("221 ");

        var mail = (await emulator.GetAsync<List<JsonElement>>($"/emulator/mail?to={to}")).Single();
        mail.GetProperty("subject").GetString().ShouldBe("dots");
        mail.GetProperty("body").GetString().ShouldBe(".starts with a dot");
        mail.GetProperty("messageId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Decodes_q_encoded_words_split_inside_a_character_and_quoted_printable_bodies()
    {
        // "予約" is E4 BA 88 E7 B4 84 in UTF-8; the words split it after the fourth byte.
        const string raw =
            "From: =?UTF-8?Q?=E5=B8=82=E5=BD=B9=E6=89=80?= <city@example.jp>\r\n" +
            "Subject: =?UTF-8?Q?=E4=BA=88=E7?=\r\n =?UTF-8?Q?=B4=84_OK?=\r\n" +
            "Message-ID: <qp@example.jp>\r\n" +
            "Content-Type: text/plain; charset=\"utf-8\"\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n" +
            "\r\n" +
            "=E6=9D=A5=E5=BA=81=E3=81=97=E3=81=A6=E3=81=8F=E3=81=A0=E3=81=95=E3=81=84=\r\n" +
            "=E3=80=82 a=3Db\r\n";

        var mail = MailParser.Parse(Encoding.ASCII.GetBytes(raw));

        mail.Subject.ShouldBe("予約 OK");
        mail.From.ShouldBe("city@example.jp");
        mail.FromName.ShouldBe("市役所");
        mail.MessageId.ShouldBe("<qp@example.jp>");
        mail.Body.ShouldBe("来庁してください。 a=b");
    }

    [Fact]
    public void Decodes_legacy_japanese_iso_2022_jp_bodies()
    {
        // "予約の確認" in ISO-2022-JP (bytes from Python's codec): 7-bit escapes, no transfer encoding.
        const string raw =
            "Subject: =?ISO-2022-JP?B?GyRCTT1McyROM05HJxsoQg==?=\r\n" +
            "Content-Type: text/plain; charset=ISO-2022-JP\r\n" +
            "\r\n" +
            "\u001b$BM=Ls$N3NG'\u001b(B\r\n";

        var mail = MailParser.Parse(Encoding.ASCII.GetBytes(raw));

        mail.Subject.ShouldBe("予約の確認");
        mail.Body.ShouldBe("予約の確認");
    }
}
