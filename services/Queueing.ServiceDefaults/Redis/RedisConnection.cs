using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly;
using Polly.Retry;
using StackExchange.Redis;

namespace Queueing.ServiceDefaults.Redis;

/// <summary>
/// The process's one Redis connection (StackExchange.Redis 1.2.6, pinned: see Directory.Packages.props).
/// Stores go through <see cref="ExecuteAsync{T}"/> so transient connection faults are retried by one Polly
/// pipeline; every write they make is idempotent (command ids), so a retry never applies twice.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly ResiliencePipeline _pipeline;

    public RedisConnection(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 5;
        options.SyncTimeout = 5000;
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        Database = options.DefaultDatabase ?? 0;
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisConnectionException>().Handle<RedisTimeoutException>(),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
            })
            .Build();
    }

    public int Database { get; }

    public IDatabase Db => _multiplexer.Value.GetDatabase(Database);

    public Task<T> ExecuteAsync<T>(Func<IDatabase, Task<T>> operation) =>
        _pipeline.ExecuteAsync(async _ => await operation(Db), CancellationToken.None).AsTask();

    /// <summary>Runs a Lua script; the script text is cached by Redis under its SHA.</summary>
    public Task<RedisResult> ScriptAsync(string script, RedisKey[] keys, RedisValue[] args) =>
        ExecuteAsync(db => db.ScriptEvaluateAsync(script, keys, args));

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}

/// <summary>Ready only when Redis answers PING.</summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Db.PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Redis is not reachable", ex);
        }
    }
}
