using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Queueing.Notification.Texts;

namespace Queueing.Notification.Line;

/// <summary>
/// Sends push messages with the LINE Messaging API wire format: <c>POST {base}/v2/bot/message/push</c>, bearer
/// channel access token, a stable <c>X-Line-Retry-Key</c> per message so a retry can never deliver twice (409 =
/// an earlier attempt was accepted = success). 429 and 5xx are retried with exponential backoff and jitter, each
/// attempt has a timeout, and a circuit breaker stops hammering LINE during an outage.
/// </summary>
public sealed class LineClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly int _timeoutSeconds;

    /// <summary>One instance per process, so the circuit breaker sees every call.</summary>
    public LineClient(IOptions<LineOptions> options)
    {
        var o = options.Value;
        _timeoutSeconds = o.TimeoutSeconds;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        _http.BaseAddress = new Uri(o.BaseUrl.TrimEnd('/') + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.ChannelAccessToken);
        _http.Timeout = Timeout.InfiniteTimeSpan;

        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500);

        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(10),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(o.BreakSeconds),
            })
            .AddTimeout(TimeSpan.FromSeconds(o.TimeoutSeconds))
            .Build();
    }

    /// <summary>Pushes one message to a user; the retry key makes any resend of it a no-op on LINE's side (409).</summary>
    public async Task<PushOutcome> PushAsync(string to, Guid retryKey, OutgoingMessage message, CancellationToken ct)
    {
        var body = new PushRequest(to, [TextMessage.From(message)]);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v2/bot/message/push") { Content = JsonContent.Create(body, options: Json) };
                request.Headers.Add("X-Line-Retry-Key", retryKey.ToString());
                return await _http.SendAsync(request, token);
            }, ct);

            return await OutcomeAsync(response, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            return PushOutcome.Transient(0, ex.Message);
        }
    }

    /// <summary>
    /// Answers a webhook event with its reply token (free, single use, valid about a minute): one attempt with the
    /// timeout, no retries, because a retried reply token is refused anyway. For conversation, not for milestones.
    /// </summary>
    public async Task<PushOutcome> ReplyAsync(string replyToken, OutgoingMessage message, CancellationToken ct)
    {
        var body = new ReplyRequest(replyToken, [TextMessage.From(message)]);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(_timeoutSeconds));
            using var response = await _http.PostAsync(new Uri("v2/bot/message/reply", UriKind.Relative), JsonContent.Create(body, options: Json), timeout.Token);
            return await OutcomeAsync(response, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return PushOutcome.Transient(0, ex.Message);
        }
    }

    private static async Task<PushOutcome> OutcomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        return response.StatusCode switch
        {
            HttpStatusCode.OK => PushOutcome.Sent(status),
            HttpStatusCode.Conflict => PushOutcome.Sent(status),
            // 401/403: our channel token or settings are wrong (expired, revoked), not the resident's message:
            // keep it and retry (the breaker opens, the log shows why) rather than fail every delivery for good.
            HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or >= HttpStatusCode.InternalServerError
                => PushOutcome.Transient(status, await response.Content.ReadAsStringAsync(ct)),
            _ => PushOutcome.Rejected(status, await response.Content.ReadAsStringAsync(ct)),
        };
    }

    public void Dispose() => _http.Dispose();

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private sealed record PushRequest(string To, IReadOnlyList<TextMessage> Messages);

    private sealed record ReplyRequest(string ReplyToken, IReadOnlyList<TextMessage> Messages);

    /// <summary>A LINE text message, with quick-reply buttons when the message offers answers.</summary>
    private sealed record TextMessage(string Type, string Text, QuickReplyBody? QuickReply)
    {
        public static TextMessage From(OutgoingMessage m) => new("text", m.Text, m.QuickReplies.Count == 0
            ? null
            : new QuickReplyBody(m.QuickReplies.Select(q => new QuickReplyItem("action", new MessageAction("message", q.Label, q.Text))).ToList()));
    }

    private sealed record QuickReplyBody(IReadOnlyList<QuickReplyItem> Items);

    private sealed record QuickReplyItem(string Type, MessageAction Action);

    private sealed record MessageAction(string Type, string Label, string Text);
}

/// <summary>Sent (200, or 409 = already accepted), Rejected (other 4xx: never retried) or Transient (try again later).</summary>
public sealed record PushOutcome(string Kind, int Status, string? Reason)
{
    public static PushOutcome Sent(int status) => new("sent", status, null);

    public static PushOutcome Rejected(int status, string reason) => new("rejected", status, reason);

    public static PushOutcome Transient(int status, string reason) => new("transient", status, reason);
}
