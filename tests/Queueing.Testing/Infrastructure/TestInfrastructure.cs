using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Queueing.Testing;

/// <summary>
/// Real RabbitMQ and Redis for the integration tests, one pair per test process, started on first use.
///
/// By default both are private child processes on free loopback ports (Debian's rabbitmq-server and
/// redis-server packages; no Docker), with their data in a temporary directory, so tests run beside a
/// developer's running demo. They are killed when the process exits, and a small watchdog kills them too if the
/// test host dies without running its exit handlers.
///
/// Isolation: each test class takes its own Redis database (<see cref="NextRedisDatabase"/>) and its own RabbitMQ
/// virtual host (<see cref="CreateRabbitMqVirtualHostAsync"/>).
///
/// To use servers that are already running instead (e.g. the ones deploy/local/infra.sh starts; its
/// <c>test-env</c> command prints these), set:
/// <list type="bullet">
/// <item><c>QUEUEING_TEST_REDIS</c> = host:port of a Redis; databases are flushed when handed out, never 0.</item>
/// <item><c>QUEUEING_TEST_RABBITMQ_NODE</c> + <c>QUEUEING_TEST_RABBITMQ_PORT</c> = node name and AMQP port of a
/// RabbitMQ on 127.0.0.1; optional <c>QUEUEING_TEST_RABBITMQ_HOME</c> = directory holding that node's
/// .erlang.cookie (otherwise the system cookie of user rabbitmq), optional
/// <c>QUEUEING_TEST_RABBITMQ_MANAGEMENT_PORT</c> = its management HTTP port (faster vhost creation).</item>
/// </list>
/// </summary>
public sealed class TestInfrastructure
{
    /// <summary>Databases of the Redis started here (redis-server --databases).</summary>
    public const int RedisDatabaseCount = 1024;

    private static readonly Lazy<Task<TestInfrastructure>> Instance =
        new(() => Task.Run(StartAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly RedisTestServer? _redis;
    private readonly RabbitMqTestServer _rabbit;
    private readonly string _workDirectory;
    private readonly string _redisHost;
    private readonly int _redisPort;
    private readonly int _databaseCount;
    private readonly bool _externalRedis;
    private readonly List<RedisTestServer> _dedicatedRedis = [];
    private readonly Lock _gate = new();
    private int _nextDatabase;
    private int _vhostCounter;

    private TestInfrastructure(
        string workDirectory, RedisTestServer? redis, string redisHost, int redisPort, int databaseCount,
        int firstDatabase, RabbitMqTestServer rabbit, TimeSpan startupTime)
    {
        _workDirectory = workDirectory;
        _redis = redis;
        _redisHost = redisHost;
        _redisPort = redisPort;
        _databaseCount = databaseCount;
        _externalRedis = redis is null;
        _nextDatabase = firstDatabase - 1;
        _rabbit = rabbit;
        StartupTime = startupTime;
    }

    /// <summary>The process-wide instance; the first call starts the servers (about 6-8 s), later calls return at once.</summary>
    public static Task<TestInfrastructure> GetAsync() => Instance.Value;

    /// <summary>"127.0.0.1:PORT" of the Redis.</summary>
    public string RedisEndpoint => $"{_redisHost}:{_redisPort}";

    public int RedisPort => _redisPort;

    /// <summary>StackExchange.Redis configuration string for one database (take it from <see cref="NextRedisDatabase"/>).</summary>
    public string RedisConnectionString(int database) =>
        $"{RedisEndpoint},abortConnect=false,defaultDatabase={database.ToString(CultureInfo.InvariantCulture)},allowAdmin=true";

    /// <summary>AMQP port of the RabbitMQ (on 127.0.0.1).</summary>
    public int RabbitMqPort => _rabbit.AmqpPort;

    /// <summary>Erlang node name of the RabbitMQ (for rabbitmqctl -n).</summary>
    public string RabbitMqNode => _rabbit.Node;

    /// <summary>Management HTTP port of the RabbitMQ started here (user guest/guest), or null.</summary>
    public int? RabbitMqManagementPort => _rabbit.ManagementPort;

    /// <summary>How long starting the servers took.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>A database index no one else in this process has had (never 0).</summary>
    public int NextRedisDatabase()
    {
        var next = Interlocked.Increment(ref _nextDatabase);
        if (!_externalRedis)
        {
            if (next >= _databaseCount)
            {
                throw new InvalidOperationException(
                    $"All {_databaseCount - 1} Redis test databases are taken; use one per test class, not per test.");
            }

            return next;
        }

        // A shared server: wrap around (skipping 0) and empty the database before handing it out.
        var database = 1 + ((next - 1) % (_databaseCount - 1));
        var reply = RespClient.SendAsync(_redisHost, _redisPort,
            [["SELECT", database.ToString(CultureInfo.InvariantCulture)], ["FLUSHDB"]], TimeSpan.FromSeconds(10))
            .GetAwaiter().GetResult();
        if (reply.Count != 2 || reply[1] != "+OK")
        {
            throw new InvalidOperationException($"Could not flush Redis database {database} on {RedisEndpoint}: {string.Join(", ", reply)}");
        }

        return database;
    }

    /// <summary>
    /// Creates a fresh virtual host named after <paramref name="name"/> (plus a unique suffix), gives user guest
    /// all permissions in it, and returns its AMQP URI: amqp://guest:guest@127.0.0.1:PORT/VHOST.
    /// </summary>
    public async Task<string> CreateRabbitMqVirtualHostAsync(string name)
    {
        var vhost = $"{Sanitize(name)}-{Interlocked.Increment(ref _vhostCounter).ToString(CultureInfo.InvariantCulture)}";
        await _rabbit.CreateVirtualHostAsync(vhost);
        return $"amqp://guest:guest@127.0.0.1:{_rabbit.AmqpPort.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(vhost)}";
    }

    /// <summary>
    /// Stops the shared Redis (SHUTDOWN SAVE) for fault tests. It affects every test running at the same time:
    /// such tests belong in a collection with DisableParallelization = true, or use <see cref="StartDedicatedRedisAsync"/>.
    /// </summary>
    public Task StopRedisAsync() => RequireOwnRedis().StopAsync();

    /// <summary>Starts the shared Redis again on the same port, with the data it had when stopped.</summary>
    public Task StartRedisAsync() => RequireOwnRedis().StartAsync();

    /// <summary>A Redis of its own (own port, same lifetime as the process) that a fault test may stop, kill and restart freely.</summary>
    public async Task<RedisTestServer> StartDedicatedRedisAsync()
    {
        var port = FreePort.Next();
        var server = new RedisTestServer(Path.Combine(_workDirectory, $"redis-{port.ToString(CultureInfo.InvariantCulture)}"), port, 16);
        lock (_gate)
        {
            _dedicatedRedis.Add(server);
        }

        await server.StartAsync();
        return server;
    }

    /// <summary>A RabbitMQ node of its own (own ports, cleaned up with the process) that a fault test may kill and restart.</summary>
    public async Task<DedicatedRabbitMq> StartDedicatedRabbitMqAsync() =>
        new(await RabbitMqTestServer.StartAsync(Path.Combine(_workDirectory, $"rabbitmq-{Guid.NewGuid().ToString("N")[..8]}")));

    private RedisTestServer RequireOwnRedis() =>
        _redis ?? throw new NotSupportedException("Redis is external (QUEUEING_TEST_REDIS): it is not stopped or started by tests.");

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var result = builder.Length == 0 ? "test" : builder.ToString();
        return result.Length > 100 ? result[..100] : result;
    }

    private static async Task<TestInfrastructure> StartAsync()
    {
        var watch = Stopwatch.StartNew();
        var root = Path.Combine(Path.GetTempPath(), "queueing-tests");
        ChildProcess.CreateOpenDirectory(root);
        RemoveStaleDirectories(root);
        var work = Path.Combine(root, $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}");
        ChildProcess.CreateOpenDirectory(work);
        StartWatchdog(work);

        RedisTestServer? redis = null;
        RabbitMqTestServer? rabbit = null;
        try
        {
            var externalRedis = Environment.GetEnvironmentVariable("QUEUEING_TEST_REDIS");
            var externalNode = Environment.GetEnvironmentVariable("QUEUEING_TEST_RABBITMQ_NODE");
            var externalPort = Environment.GetEnvironmentVariable("QUEUEING_TEST_RABBITMQ_PORT");

            Task redisTask = Task.CompletedTask;
            if (string.IsNullOrWhiteSpace(externalRedis))
            {
                redis = new RedisTestServer(Path.Combine(work, "redis"), FreePort.Next(), RedisDatabaseCount);
                redisTask = redis.StartAsync();
            }

            Task<RabbitMqTestServer> rabbitTask;
            if (!string.IsNullOrWhiteSpace(externalNode) && !string.IsNullOrWhiteSpace(externalPort))
            {
                var managementPort = Environment.GetEnvironmentVariable("QUEUEING_TEST_RABBITMQ_MANAGEMENT_PORT");
                rabbitTask = Task.FromResult(RabbitMqTestServer.External(
                    externalNode,
                    int.Parse(externalPort, CultureInfo.InvariantCulture),
                    string.IsNullOrWhiteSpace(managementPort) ? null : int.Parse(managementPort, CultureInfo.InvariantCulture),
                    NullIfEmpty(Environment.GetEnvironmentVariable("QUEUEING_TEST_RABBITMQ_HOME"))));
            }
            else
            {
                rabbitTask = RabbitMqTestServer.StartAsync(Path.Combine(work, "rabbitmq"));
            }

            try
            {
                await Task.WhenAll(redisTask, rabbitTask);
            }
            finally
            {
                if (rabbitTask.IsCompletedSuccessfully)
                {
                    rabbit = rabbitTask.Result;
                }
            }

            TestInfrastructure infrastructure;
            if (redis is not null)
            {
                infrastructure = new TestInfrastructure(work, redis, "127.0.0.1", redis.Port, RedisDatabaseCount, 1, rabbit!, watch.Elapsed);
            }
            else
            {
                var (host, port) = ParseEndpoint(externalRedis!);
                var databases = await ExternalDatabaseCountAsync(host, port);
                infrastructure = new TestInfrastructure(work, null, host, port, databases,
                    1 + Random.Shared.Next(databases - 1), rabbit!, watch.Elapsed);
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => infrastructure.Shutdown();
            return infrastructure;
        }
        catch
        {
            redis?.KillNow();
            rabbit?.KillNow();
            KillUnder(work);
            TryDelete(work);
            throw;
        }
    }

    private void Shutdown()
    {
        _rabbit.KillNow();
        _redis?.KillNow();
        lock (_gate)
        {
            foreach (var server in _dedicatedRedis)
            {
                server.KillNow();
            }
        }

        TryDelete(_workDirectory);
    }

    /// <summary>
    /// A detached shell that waits for this process to end and then kills what is left of the servers and deletes
    /// the work directory: covers a test host that is killed without running its exit handlers.
    /// </summary>
    private static void StartWatchdog(string work)
    {
        const string script =
            "p=$1; d=$2; while kill -0 \"$p\" 2>/dev/null; do sleep 1; done; " +
            "for f in \"$d\"/*/redis.pid \"$d\"/*/rabbitmq.pid; do [ -f \"$f\" ] && kill -9 \"$(cat \"$f\")\" 2>/dev/null; done; " +
            "sleep 1; rm -rf \"$d\"";
        using var watchdog = ChildProcess.StartDetached("/dev/null",
            ["/bin/sh", "-c", script, "sh", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), work]);
    }

    private static void KillUnder(string work)
    {
        if (!Directory.Exists(work))
        {
            return;
        }

        foreach (var pidFile in Directory.EnumerateFiles(work, "*.pid", SearchOption.AllDirectories))
        {
            ChildProcess.KillFromPidFile(pidFile);
        }
    }

    /// <summary>Deletes work directories of earlier test processes that no longer run.</summary>
    private static void RemoveStaleDirectories(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            var name = Path.GetFileName(dir);
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && pid != Environment.ProcessId && !ChildProcess.IsAlive(pid))
            {
                TryDelete(dir);
            }
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon < 0
            ? (endpoint, 6379)
            : (endpoint[..colon], int.Parse(endpoint.AsSpan(colon + 1), CultureInfo.InvariantCulture));
    }

    private static async Task<int> ExternalDatabaseCountAsync(string host, int port)
    {
        // Reply to CONFIG GET databases: "databases 16".
        var reply = await RespClient.SendAsync(host, port, ["CONFIG", "GET", "databases"], TimeSpan.FromSeconds(10));
        var last = reply.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 1 ? count : 16;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>A private RabbitMQ node for one fault test: virtual hosts, a crash (kill -9) and a restart with its data.</summary>
public sealed class DedicatedRabbitMq : IAsyncDisposable
{
    private readonly RabbitMqTestServer _server;

    internal DedicatedRabbitMq(RabbitMqTestServer server) => _server = server;

    public async Task<string> CreateVirtualHostAsync(string vhost)
    {
        await _server.CreateVirtualHostAsync(vhost);
        return $"amqp://guest:guest@127.0.0.1:{_server.AmqpPort.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(vhost)}";
    }

    public void Kill() => _server.KillNow();

    public Task RestartAsync() => _server.RestartAsync();

    public ValueTask DisposeAsync()
    {
        _server.KillNow();
        return ValueTask.CompletedTask;
    }
}
