using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Queueing.LineEmulator;
using Queueing.Testing;
using Xunit;

namespace Queueing.IntegrationTests.Emulator;

/// <summary>
/// The LINE emulator alone (no RabbitMQ or Redis) on a real loopback port, with its SMTP sink on a free port, its
/// webhooks pointed at a <see cref="WebhookReceiver"/> and a clock the tests can move. One per test class.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string Token = "emulator-test-token";
    public const string Secret = "emulator-test-secret";

    private ServiceFactory<LineEmulatorApp> _emulator = null!;

    public TestClock Clock { get; } = new();

    public WebhookReceiver Receiver { get; private set; } = null!;

    public int SmtpPort { get; } = FreePort.Next();

    /// <summary>A client for the emulator, sending the channel access token.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress => _emulator.BaseAddress;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Line:ChannelAccessToken"] = Token,
            ["Line:ChannelSecret"] = Secret,
            ["Line:WebhookUrl"] = Receiver.Url.ToString(),
            ["Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        _emulator = new ServiceFactory<LineEmulatorApp>(settings, kestrel: true, Clock);
        _emulator.Start();
        Http = new HttpClient { BaseAddress = _emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _emulator.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>A user id of the usual shape (U + 32 hex digits), new for every call.</summary>
    public static string NewUserId() => "U" + Guid.NewGuid().ToString("N");

    public async Task<HttpResponseMessage> PushAsync(string to, object message) =>
        await Http.PostAsJsonAsync("/v2/bot/message/push", new { to, messages = new[] { message } });

    public async Task<T> GetAsync<T>(string path) => (await Http.GetFromJsonAsync<T>(path))!;
}

/// <summary>One webhook request as the bot server received it: raw body bytes and headers.</summary>
public sealed record ReceivedWebhook(byte[] Body, string? Signature, string? ContentType);

/// <summary>A stand-in bot server: a tiny web app on a free loopback port that records every webhook and answers <see cref="Status"/>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public int Status { get; set; } = StatusCodes.Status200OK;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/webhook", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.Received.Enqueue(new ReceivedWebhook(body.ToArray(), request.Headers["x-line-signature"], request.ContentType));
            return Results.StatusCode(receiver.Status);
        });
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Urls.Single()), "/webhook");
        return receiver;
    }

    /// <summary>The webhook whose body carries <paramref name="webhookEventId"/>.</summary>
    public ReceivedWebhook Find(string webhookEventId) =>
        Received.Single(r => System.Text.Encoding.UTF8.GetString(r.Body).Contains(webhookEventId, StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
