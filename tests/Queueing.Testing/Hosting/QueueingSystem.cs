using System.Net.Http.Json;
using Queueing.Counter;
using Queueing.Gateway;
using Queueing.LineEmulator;
using Queueing.Notification;
using Queueing.Reservation;
using Queueing.Ticketing;

namespace Queueing.Testing;

/// <summary>
/// The whole system for one test class: every service hosted in-process on its own RabbitMQ virtual host and
/// Redis database (so tests run beside each other and beside a running demo), the Gateway and the LINE
/// emulator on real loopback ports. Services can be stopped and started again to prove nothing is lost.
/// </summary>
public sealed class QueueingSystem : IAsyncDisposable
{
    public const string LineToken = "test-channel-token";
    public const string LineSecret = "test-channel-secret";

    private readonly Dictionary<string, string?> _settings;
    private ServiceFactory<TicketingApp>? _ticketing;

    private QueueingSystem(Dictionary<string, string?> settings, TestInfrastructure infrastructure)
    {
        _settings = settings;
        Infrastructure = infrastructure;
    }

    public TestInfrastructure Infrastructure { get; }

    /// <summary>Every service's clock: advance it to make time pass.</summary>
    public TestClock Clock { get; } = new();

    private int _nextOffice;

    /// <summary>A fresh copy of the demo office (same queues, procedures, counters) for one test.</summary>
    public string NewOfficeId() => TestOffices.Id(Interlocked.Increment(ref _nextOffice));

    public string RabbitMqUri => _settings["ConnectionStrings:rabbitmq"]!;

    public string RedisConnectionString => _settings["ConnectionStrings:redis"]!;

    public ServiceFactory<LineEmulatorApp> Line { get; private set; } = null!;

    public ServiceFactory<GatewayApp> Gateway { get; private set; } = null!;

    public ServiceFactory<CounterApp> Counter { get; private set; } = null!;

    public ServiceFactory<NotificationApp> Notification { get; private set; } = null!;

    public ServiceFactory<ReservationApp> Reservation { get; private set; } = null!;

    public async Task StopReservationAsync() => await Reservation.DisposeAsync();

    public async Task StartReservationAsync() => Reservation = await StartAsync<ReservationApp>(kestrel: false);

    public async Task StopNotificationAsync() => await Notification.DisposeAsync();

    public async Task StartNotificationAsync() => Notification = await StartAsync<NotificationApp>(kestrel: false);

    public ServiceFactory<TicketingApp> Ticketing => _ticketing ?? throw new InvalidOperationException("Ticketing is stopped");

    /// <summary>An HTTP client for the Gateway's real port.</summary>
    public HttpClient Http { get; private set; } = null!;

    public Uri GatewayAddress => Gateway.BaseAddress;

    /// <summary>An HTTP client signed in as counter staff (demo account sato).</summary>
    public HttpClient Staff { get; private set; } = null!;

    /// <summary>An HTTP client signed in as a supervisor (demo account tanaka).</summary>
    public HttpClient Supervisor { get; private set; } = null!;

    /// <summary>Signs in through the Gateway's API and returns a client that sends the staff token.</summary>
    public async Task<HttpClient> SignInAsync(string userId, string password)
    {
        var response = await Http.PostAsJsonAsync(new Uri("/api/staff/sign-in", UriKind.Relative), new { userId, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<SignedIn>();
        var client = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body!.Token);
        return client;
    }

    /// <summary>Starts every service; on <paramref name="broker"/> when given (a node the test may crash), else on the shared node.</summary>
    public static async Task<QueueingSystem> StartAsync(string name, DedicatedRabbitMq? broker = null)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var vhost = $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 60)];
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = broker is null ? await infrastructure.CreateRabbitMqVirtualHostAsync(vhost) : await broker.CreateVirtualHostAsync(vhost),
            ["ConnectionStrings:redis"] = infrastructure.RedisConnectionString(infrastructure.NextRedisDatabase()),
            ["Offices:File"] = TestOffices.File,
            ["Line:ChannelAccessToken"] = LineToken,
            ["Line:ChannelSecret"] = LineSecret,
            ["Line:MaxRetries"] = "3",
            ["Line:TimeoutSeconds"] = "2",
            ["Line:BreakSeconds"] = "1",
            ["Notifications:FirstRetrySeconds"] = "0.5",
            ["Notifications:PublicBaseUrl"] = "http://city.example",
            ["Notifications:MaxRetryMinutes"] = "0.05",
            ["Notifications:PollMilliseconds"] = "100",
            ["Notifications:LeaseSeconds"] = "10",
            ["Auth:SigningKey"] = "base64:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        var system = new QueueingSystem(settings, infrastructure);
        await system.StartAllAsync();
        return system;
    }

    private async Task StartAllAsync()
    {
        // The emulator is also the SMTP sink; Notification sends its e-mail there.
        var smtpPort = FreePort.Next();
        _settings["Smtp:Port"] = $"{smtpPort}";
        _settings["Email:Host"] = "127.0.0.1";
        _settings["Email:Port"] = $"{smtpPort}";
        Line = new ServiceFactory<LineEmulatorApp>(_settings, kestrel: true, Clock);
        Line.Start();
        _settings["Line:BaseUrl"] = Line.BaseAddress.ToString();
        _settings["Line:AddFriendUrl"] = $"{Line.BaseAddress}inbox?user=Udemo0001&text={{text}}";

        await StartTicketingAsync();
        Counter = await StartAsync<CounterApp>(kestrel: false);
        Notification = await StartAsync<NotificationApp>(kestrel: false);
        Reservation = await StartAsync<ReservationApp>(kestrel: false);
        Gateway = await StartAsync<GatewayApp>(kestrel: true);
        Http = new HttpClient { BaseAddress = Gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using (var line = Line.CreateClient())
        {
            var webhook = await line.PostAsJsonAsync(new Uri("/emulator/webhook", UriKind.Relative), new { url = new Uri(Gateway.BaseAddress, "/api/line/webhook").ToString() });
            webhook.EnsureSuccessStatusCode();
        }

        Staff = await SignInAsync("sato", "madoguchi-1");
        Supervisor = await SignInAsync("tanaka", "kanri-1");
    }

    public async Task StartTicketingAsync() => _ticketing = await StartAsync<TicketingApp>(kestrel: false);

    public async Task StopTicketingAsync()
    {
        if (_ticketing is not null)
        {
            await _ticketing.DisposeAsync();
            _ticketing = null;
        }
    }

    private async Task<ServiceFactory<T>> StartAsync<T>(bool kestrel) where T : class
    {
        var factory = new ServiceFactory<T>(_settings, kestrel, Clock);
        factory.Start();
        await WaitReadyAsync(factory);
        return factory;
    }

    /// <summary>Waits until <c>/health/ready</c> says the bus and Redis are up.</summary>
    public static async Task WaitReadyAsync<T>(ServiceFactory<T> factory) where T : class
    {
        using var client = factory.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        throw new TimeoutException($"{typeof(T).Name} not ready: {last}");
    }

    /// <summary>Pushes the LINE emulator accepted for a user.</summary>
    public async Task<List<LinePush>> LinePushesAsync(string to)
    {
        using var client = Line.CreateClient();
        return (await client.GetFromJsonAsync<List<LinePush>>(new Uri($"/emulator/pushes?to={to}", UriKind.Relative)))!;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        Staff?.Dispose();
        Supervisor?.Dispose();
        foreach (var factory in new IAsyncDisposable?[] { Gateway, Counter, Notification, Reservation, _ticketing, Line })
        {
            if (factory is not null)
            {
                await factory.DisposeAsync();
            }
        }
    }
}

public sealed record SignedIn(string Token);

public sealed record LinePush(string To, List<string> Texts, string? RetryKey, string RequestId, DateTimeOffset ReceivedAt);
