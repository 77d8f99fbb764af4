using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

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

    /// <summary>One instance per process, so the circuit breaker sees every call.</summary>
    public LineClient(IOptions<LineOptions> options)
    {
        var o = options.Value;
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
                BreakDuration = TimeSpan.FromSeconds(15),
            })
            .AddTimeout(TimeSpan.FromSeconds(o.TimeoutSeconds))
            .Build();
    }

    public async Task<PushOutcome> PushAsync(string to, Guid retryKey, IReadOnlyList<string> texts, CancellationToken ct)
    {
        var body = new PushRequest(to, texts.Select(t => new TextMessage("text", t)).ToList());
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v2/bot/message/push") { Content = JsonContent.Create(body) };
                request.Headers.Add("X-Line-Retry-Key", retryKey.ToString());
                return await _http.SendAsync(request, token);
            }, ct);

            var status = (int)response.StatusCode;
            return response.StatusCode switch
            {
                HttpStatusCode.OK => PushOutcome.Sent(status),
                HttpStatusCode.Conflict => PushOutcome.Sent(status),
                HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => PushOutcome.Transient(status, await response.Content.ReadAsStringAsync(ct)),
                _ => PushOutcome.Rejected(status, await response.Content.ReadAsStringAsync(ct)),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException)
        {
            return PushOutcome.Transient(0, ex.Message);
        }
    }

    public void Dispose() => _http.Dispose();

    private sealed record PushRequest(string To, IReadOnlyList<TextMessage> Messages);

    private sealed record TextMessage(string Type, string Text);
}

/// <summary>Sent (200, or 409 = already accepted), Rejected (other 4xx: never retried) or Transient (try again later).</summary>
public sealed record PushOutcome(string Kind, int Status, string? Reason)
{
    public static PushOutcome Sent(int status) => new("sent", status, null);

    public static PushOutcome Rejected(int status, string reason) => new("rejected", status, reason);

    public static PushOutcome Transient(int status, string reason) => new("transient", status, reason);
}
