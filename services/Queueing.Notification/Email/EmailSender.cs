using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Queueing.Notification.Line;
using Queueing.Notification.Texts;

namespace Queueing.Notification.Email;

/// <summary>
/// Sends plain-text UTF-8 mail over SMTP. The Message-ID is the delivery's stable id, so a resend after a crash
/// between the server's 250 and our record carries the same id (receiving systems and the demo sink can fold it).
/// 4xx answers and connection failures are transient (retried by the durable schedule); 5xx answers are permanent.
/// A circuit breaker stops calling a mail server that keeps failing.
/// </summary>
public sealed class EmailSender
{
    private readonly EmailOptions _options;
    private readonly ResiliencePipeline<PushOutcome> _breaker;

    public EmailSender(IOptions<EmailOptions> options)
    {
        _options = options.Value;
        _breaker = new ResiliencePipelineBuilder<PushOutcome>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<PushOutcome>
            {
                ShouldHandle = new PredicateBuilder<PushOutcome>().HandleResult(o => o.Kind == "transient"),
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(15),
            })
            .Build();
    }

    public bool Enabled => _options.Port > 0;

    public async Task<PushOutcome> SendAsync(string to, OutgoingMessage message, Guid messageId, CancellationToken ct)
    {
        if (!Enabled)
        {
            return PushOutcome.Rejected(0, "E-mail is not configured (Email:Port is 0).");
        }

        try
        {
            return await _breaker.ExecuteAsync(async token => await SendOnceAsync(to, message, messageId, token), ct);
        }
        catch (BrokenCircuitException ex)
        {
            return PushOutcome.Transient(0, ex.Message);
        }
    }

    private async Task<PushOutcome> SendOnceAsync(string to, OutgoingMessage message, Guid messageId, CancellationToken ct)
    {
        MailMessage mail;
        try
        {
            mail = new MailMessage(new MailAddress(_options.From, _options.FromName, Encoding.UTF8), new MailAddress(to))
            {
                Subject = message.Subject,
                Body = message.Text,
                SubjectEncoding = Encoding.UTF8,
                BodyEncoding = Encoding.UTF8,
                HeadersEncoding = Encoding.UTF8,
            };
        }
        catch (FormatException ex)
        {
            return PushOutcome.Rejected(0, $"Not an e-mail address: {ex.Message}");
        }

        using (mail)
        using (var client = new SmtpClient(_options.Host, _options.Port))
        {
            mail.Headers.Add("Message-ID", $"<{messageId}@matanai>");
            client.EnableSsl = _options.EnableSsl;
            client.Timeout = _options.TimeoutSeconds * 1000;
            if (_options.UserName is { Length: > 0 } user)
            {
                client.Credentials = new NetworkCredential(user, _options.Password);
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
                await client.SendMailAsync(mail, timeout.Token);
                return PushOutcome.Sent(250);
            }
            catch (SmtpFailedRecipientException ex)
            {
                return Classify(ex.StatusCode, ex.Message);
            }
            catch (SmtpException ex)
            {
                return Classify(ex.StatusCode, ex.InnerException?.Message ?? ex.Message);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return PushOutcome.Transient(0, $"The mail server did not answer within {_options.TimeoutSeconds} s.");
            }
        }
    }

    /// <summary>
    /// 5xx: the server refuses this mail for good; anything else (4xx, no answer), and 530/535 (our TLS or login
    /// settings are wrong, not the resident's address): try again later.
    /// </summary>
    private static PushOutcome Classify(SmtpStatusCode code, string reason) =>
        (int)code is >= 500 and < 600 and not (530 or 535) ? PushOutcome.Rejected((int)code, reason) : PushOutcome.Transient(Math.Max(0, (int)code), reason);
}
